#!/usr/bin/python3
"""Fixtures for the FID and Classifier Score tests, with expected values computed independently by NumPy/SciPy.

Run once with Debian's python (it has numpy and scipy 1.10):  /usr/bin/python3 make_fixtures.py
Writes raw little-endian float32 matrices (*.f32, row-major) and expected.json (shapes + expected values).
FID follows pytorch-fid's calculate_frechet_distance (scipy.linalg.sqrtm route, numpy.cov); the Classifier Score
follows the original Inception Score code (splits of consecutive rows, population std). The singular case
(N < D) is checked with a different identity instead of sqrtm, which is inaccurate for singular matrices:
tr sqrt(S1 S2) = nuclear norm of A B^T / sqrt((N1-1)(N2-1)), A and B the centred feature matrices.
"""
import json
import os

import numpy as np
from scipy import linalg

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240607)


def save(name, a):
    a = np.ascontiguousarray(a, dtype='<f4')
    a.tofile(os.path.join(HERE, name + '.f32'))
    return a.astype(np.float64)  # the values the C# side reads, exactly


def frechet_distance_pytorch_fid(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """pytorch-fid's calculate_frechet_distance (v0.3.0), verbatim in its steps."""
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError('Imaginary component {}'.format(np.max(np.abs(covmean.imag))))
        covmean = covmean.real
    tr_covmean = np.trace(covmean)
    return diff.dot(diff), np.trace(sigma1), np.trace(sigma2), 2 * tr_covmean


def fid_case(x1, x2):
    mu1, mu2 = x1.mean(axis=0), x2.mean(axis=0)
    s1, s2 = np.cov(x1, rowvar=False), np.cov(x2, rowvar=False)
    mean_term, t1, t2, cross = frechet_distance_pytorch_fid(mu1, s1, mu2, s2)
    return dict(value=mean_term + t1 + t2 - cross, meanTerm=mean_term, trace1=t1, trace2=t2, crossTerm=cross)


def fid_singular(x1, x2):
    a, b = x1 - x1.mean(axis=0), x2 - x2.mean(axis=0)
    mu1, mu2 = x1.mean(axis=0), x2.mean(axis=0)
    n1, n2 = len(x1), len(x2)
    cross = 2 * np.linalg.svd(a @ b.T, compute_uv=False).sum() / np.sqrt((n1 - 1) * (n2 - 1))
    t1, t2 = np.trace(np.cov(x1, rowvar=False)), np.trace(np.cov(x2, rowvar=False))
    mean_term = (mu1 - mu2) @ (mu1 - mu2)
    return dict(value=mean_term + t1 + t2 - cross, meanTerm=mean_term, trace1=t1, trace2=t2, crossTerm=cross)


def correlated(n, d, scale, shift):
    mix = rng.normal(size=(d, d)) * scale / np.sqrt(d)
    return rng.normal(size=(n, d)) @ mix + shift


def inception_score(p, splits=10):
    """The original Inception Score code's arithmetic, on given probabilities."""
    scores = []
    n = p.shape[0]
    for i in range(splits):
        part = p[(i * n // splits):((i + 1) * n // splits), :]
        py = np.mean(part, axis=0, keepdims=True)
        kl = part * (np.log(part) - np.log(py))
        scores.append(np.exp(np.mean(np.sum(kl, axis=1))))
    return float(np.mean(scores)), float(np.std(scores)), [float(s) for s in scores]


def main():
    d = 48
    a = save('fid_a', correlated(400, d, 1.0, 0.0))
    b = save('fid_b', correlated(300, d, 1.3, rng.normal(size=d) * 0.5))
    sa = save('singular_a', correlated(20, 40, 1.0, 0.0))
    sb = save('singular_b', correlated(25, 40, 0.8, 0.3))
    logits = rng.normal(size=(500, 10)) * 3.0
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    p = save('is_probs', probs)
    p = p / p.sum(axis=1, keepdims=True)  # the C# test renormalises the float32 rows in float64 the same way
    is_mean, is_std, is_splits = inception_score(p)
    expected = {
        'generator': 'make_fixtures.py, numpy %s, scipy %s' % (np.__version__, __import__('scipy').__version__),
        'shapes': {'fid_a': [400, d], 'fid_b': [300, d], 'singular_a': [20, 40], 'singular_b': [25, 40],
                   'is_probs': [500, 10]},
        'fid_a_b': fid_case(a, b),
        'fid_a_a': fid_case(a, a),
        'fid_singular': fid_singular(sa, sb),
        'is_probs': {'splits': 10, 'mean': is_mean, 'std': is_std, 'perSplit': is_splits},
    }
    with open(os.path.join(HERE, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=2)
        f.write('\n')


if __name__ == '__main__':
    main()
