#!/usr/bin/env python3
"""Puts a GanNotebooks.Bench JSON (TorchSharp) and a pytorch_reference.py JSON side by side.

    python3 bench/compare.py cs.json [py.json] [--out merged.json]

Prints, per variant, TorchSharp / PyTorch ratios (below 1: TorchSharp is faster) against the issue's targets:
  step time  <= 0.8 x PyTorch eager                (ms/step, no host sync per step)
  epoch      >= 2 x faster than the DataLoader loop (TorchSharp resident epoch vs PyTorch DataLoader epoch)
  FID 10k x 2048 <= 100 ms on a GPU, <= 3 s on a 2-core CPU
and flags models that differ: parameter counts (an error: exit code 1) and the sum of |w| right after
initialization (equal when both sides built the same layers in the same order from the same seed).
Without a PyTorch file it prints the TorchSharp numbers alone, with the ratios as n/a.
Standard library only.
"""
import argparse
import json
import math
import os
import sys

STEP_TARGET = 0.8
EPOCH_TARGET = 2.0


def load(path):
    with open(path) as f:
        r = json.load(f)
    if r.get("schema") != "gan-bench/1":
        sys.exit("%s: not a gan-bench/1 file (schema %r)" % (path, r.get("schema")))
    return r


def ratio(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def fmt(x, spec="{:.2f}"):
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else spec.format(x)


def compare_variants(cs, py):
    rows, errors = [], []
    ref = {v["variant"]: v for v in py["variants"]} if py else {}
    for v in cs["variants"]:
        p = ref.get(v["variant"])
        row = dict(variant=v["variant"], device=v["device"], batch=v["batch"],
                   ts_step_ms=v["step_ms"], pt_step_ms=p and p["step_ms"],
                   step_ratio=ratio(v["step_ms"], p and p["step_ms"]),
                   ts_epoch_resident_s=v.get("epoch_resident_s"), ts_epoch_sync_s=v.get("epoch_sync_s"),
                   pt_epoch_resident_s=p and p.get("epoch_resident_s"),
                   pt_epoch_dataloader_s=p and p.get("epoch_dataloader_s"),
                   epoch_speedup_vs_dataloader=ratio(p and p.get("epoch_dataloader_s"), v.get("epoch_resident_s")),
                   ts_peak_mb=v.get("peak_mb"), pt_peak_mb=p and p.get("peak_mb"), pt_smi_mb=p and p.get("smi_mb"),
                   ts_live_delta=v.get("live_tensors_delta"), params="n/a", init="n/a")
        if p:
            if (v["params_g"], v["params_d"]) != (p["params_g"], p["params_d"]):
                row["params"] = "MISMATCH"
                errors.append("%s: parameter counts differ: TorchSharp G %d D %d, PyTorch G %d D %d" % (
                    v["variant"], v["params_g"], v["params_d"], p["params_g"], p["params_d"]))
            else:
                row["params"] = "equal"
            row["init"] = init_check(v, p)
            for key in ("batch", "device", "epoch_images", "critic_steps"):
                if v.get(key) != p.get(key):
                    errors.append("%s: %s differs (TorchSharp %r, PyTorch %r): the timings do not compare" % (
                        v["variant"], key, v.get(key), p.get(key)))
        rows.append(row)
    return rows, errors


def init_check(v, p):
    a = (v.get("init_abs_sum_g"), v.get("init_abs_sum_d"))
    b = (p.get("init_abs_sum_g"), p.get("init_abs_sum_d"))
    if None in a or None in b:
        return "n/a"
    rel = max(abs(x - y) / max(abs(y), 1e-300) for x, y in zip(a, b))
    return "equal" if rel < 1e-9 else "differs (rel %.1e)" % rel


def compare_fid(cs, py):
    mine = {f["method"]: f for f in cs["fid"]}
    ref = {f["method"]: f for f in (py or {}).get("fid", [])}
    out = []
    for method in list(mine) + [m for m in ref if m not in mine]:
        t, p = mine.get(method), ref.get(method)
        f = t or p
        target_ms = 100.0 if f["device"] == "cuda" else 3000.0
        full_size = (f["n"], f["d"]) == (10000, 2048)
        timed = t or p  # the target is for the project's own (TorchSharp) number; scipy exists on the PyTorch side only
        out.append(dict(method=method, device=f["device"], n=f["n"], d=f["d"], ts_ms=t and t["ms"], pt_ms=p and p["ms"],
                        ratio=ratio(t and t["ms"], p and p["ms"]), ts_value=t and t["value"],
                        pt_value=p and p["value"], target_ms=target_ms,
                        meets_target=timed["ms"] <= target_ms if full_size else None))
    return out


def compare_micro(cs, py):
    ref = {m["name"]: m for m in (py or {}).get("micro", [])}
    names = [m["name"] for m in cs["micro"]] + [n for n in ref if n not in {m["name"] for m in cs["micro"]}]
    mine = {m["name"]: m for m in cs["micro"]}
    return [dict(name=n, ts_us=mine.get(n, {}).get("us_per_call"), pt_us=ref.get(n, {}).get("us_per_call"),
                 ratio=ratio(mine.get(n, {}).get("us_per_call"), ref.get(n, {}).get("us_per_call"))) for n in names]


def print_tables(cs, py, variants, fid, micro, errors):
    m = cs["machine"]
    print("TorchSharp: %s, %s%s, commit %s, %s" % (m["framework_version"], m["device"],
                                                  " (%s)" % m["gpu"] if m.get("gpu") else "", m.get("git_commit"),
                                                  m["date"]))
    if py:
        pm = py["machine"]
        print("PyTorch:    %s, %s%s, %s" % (pm["framework_version"], pm["device"],
                                           " (%s)" % pm["gpu"] if pm.get("gpu") else "", pm["date"]))
    else:
        print("PyTorch:    no reference file given: ratios are n/a")
    print("data: %s" % cs["data_source"])
    print()
    head = "{:<8} {:>5} {:>9} {:>9} {:>7} {:>5} {:>10} {:>10} {:>8} {:>5} {:>8} {:>8} {:>6} {:>8} {:>18}"
    print(head.format("variant", "batch", "TS ms", "PT ms", "TS/PT", "≤0.8", "TS ep res", "PT ep DL", "DL/TS",
                      "≥2", "TS MB", "PT MB", "live Δ", "params", "init weights"))
    for r in variants:
        ok_step = None if r["step_ratio"] is None else r["step_ratio"] <= STEP_TARGET
        ok_ep = None if r["epoch_speedup_vs_dataloader"] is None else r["epoch_speedup_vs_dataloader"] >= EPOCH_TARGET
        print(head.format(r["variant"], r["batch"], fmt(r["ts_step_ms"]), fmt(r["pt_step_ms"]), fmt(r["step_ratio"]),
                          yes_no(ok_step), fmt(r["ts_epoch_resident_s"]), fmt(r["pt_epoch_dataloader_s"]),
                          fmt(r["epoch_speedup_vs_dataloader"]), yes_no(ok_ep), fmt(r["ts_peak_mb"], "{:.0f}"),
                          fmt(r["pt_peak_mb"], "{:.0f}"), fmt(r["ts_live_delta"], "{}"), r["params"], r["init"]))
    if fid:
        print()
        for f in fid:
            print("FID {:<32} {:<5} {}x{}: TS {:>9} ms  PT {:>9} ms  TS/PT {:>5}  value TS {} PT {}  target ≤{:.0f} ms: {}"
                  .format(f["method"], f["device"], f["n"], f["d"], fmt(f["ts_ms"], "{:.1f}"), fmt(f["pt_ms"], "{:.1f}"),
                          fmt(f["ratio"]), fmt(f["ts_value"], "{:.4f}"), fmt(f["pt_value"], "{:.4f}"), f["target_ms"],
                          yes_no(f["meets_target"])))
    if micro:
        print()
        for r in micro:
            print("micro {:<34} TS {:>10} µs  PT {:>10} µs  TS/PT {}".format(
                r["name"], fmt(r["ts_us"], "{:.1f}"), fmt(r["pt_us"], "{:.1f}"), fmt(r["ratio"])))
    if cs.get("experiments"):
        print()
        for e in cs["experiments"]:
            print("TS experiment {:<6} {:<38} {:>9} ms/step {:>6.0f} tensors/step".format(
                e["variant"], e["name"], fmt(e["step_ms"]), e["tensors_per_step"]))
    for e in errors:
        print("ERROR: " + e)


def yes_no(b):
    return "n/a" if b is None else "yes" if b else "no"


def main(argv):
    ap = argparse.ArgumentParser(description="TorchSharp vs PyTorch benchmark comparison")
    ap.add_argument("torchsharp", help="JSON from GanNotebooks.Bench")
    ap.add_argument("pytorch", nargs="?", help="JSON from pytorch_reference.py (optional)")
    ap.add_argument("--out", help="write both inputs and the comparison to this JSON file")
    a = ap.parse_args(argv)
    cs = load(a.torchsharp)
    py = load(a.pytorch) if a.pytorch and os.path.exists(a.pytorch) else None
    if a.pytorch and py is None:
        print("note: %s does not exist; comparing nothing" % a.pytorch)
    variants, errors = compare_variants(cs, py)
    fid, micro = compare_fid(cs, py), compare_micro(cs, py)
    print_tables(cs, py, variants, fid, micro, errors)
    if a.out:
        merged = dict(schema="gan-bench-comparison/1", torchsharp=cs, pytorch=py,
                      comparison=dict(variants=variants, fid=fid, micro=micro, errors=errors,
                                      targets=dict(step_ratio_max=STEP_TARGET, epoch_speedup_min=EPOCH_TARGET,
                                                   fid_ms_max_gpu=100, fid_ms_max_cpu=3000)))
        tmp = a.out + ".tmp-%d" % os.getpid()
        with open(tmp, "w") as f:
            json.dump(merged, f, indent=2)
        os.replace(tmp, a.out)
        print("wrote " + a.out)
    return 1 if any("parameter counts" in e for e in errors) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
