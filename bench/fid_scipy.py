#!/usr/bin/env python3
"""FID the pytorch-fid way: numpy mean/cov, then scipy.linalg.sqrtm of sigma1 @ sigma2 (float64, on the CPU).

Imported by pytorch_reference.py for its "scipy-sqrtm" row; also runs on its own (numpy + scipy only, no torch),
so that the pytorch-fid route can be timed on a machine without PyTorch:

    /usr/bin/python3 bench/fid_scipy.py --n 10000 --d 2048

The formula is pytorch-fid's calculate_frechet_distance (Heusel et al. 2017):
    FID = |mu1 - mu2|^2 + tr(sigma1) + tr(sigma2) - 2 tr sqrtm(sigma1 sigma2)
including its safeguards: eps*I added when the product is singular, imaginary parts dropped if small.
"""
import argparse
import json
import os
import time

import numpy as np


def statistics(features):
    """mu [D] and sigma [D, D] of features [N, D], as pytorch-fid computes them (np.cov, unbiased)."""
    x = np.asarray(features, dtype=np.float64)
    return x.mean(axis=0), np.cov(x, rowvar=False)


def frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """pytorch-fid's calculate_frechet_distance, unchanged in substance."""
    from scipy import linalg
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError("Imaginary component {}".format(np.max(np.abs(covmean.imag))))
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))


def timed_fid(f1, f2):
    """(value, total ms, statistics ms) for two feature arrays [N, D]."""
    t0 = time.perf_counter()
    mu1, s1 = statistics(f1)
    mu2, s2 = statistics(f2)
    t1 = time.perf_counter()
    value = frechet_distance(mu1, s1, mu2, s2)
    t2 = time.perf_counter()
    return value, (t2 - t0) * 1e3, (t1 - t0) * 1e3


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=10000)
    p.add_argument("--d", type=int, default=2048)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", help="write one JSON row here")
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    f1 = rng.standard_normal((a.n, a.d), dtype=np.float32)
    f2 = (rng.standard_normal((a.n, a.d), dtype=np.float32) * 1.1 + 0.05).astype(np.float32)
    value, ms, stats_ms = timed_fid(f1, f2)
    row = {"method": "scipy-sqrtm (pytorch-fid route)", "device": "cpu", "n": a.n, "d": a.d, "ms": ms,
           "ms_runs": [ms], "stats_ms": stats_ms, "value": value, "cpu_count": os.cpu_count(),
           "note": "numpy features (not the torch ones): the value differs from the torch rows"}
    print(json.dumps(row, indent=2))
    if a.out:
        with open(a.out + ".tmp", "w") as f:
            json.dump(row, f, indent=2)
        os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
