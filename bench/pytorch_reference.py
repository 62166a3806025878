#!/usr/bin/env python3
"""PyTorch reference for GanNotebooks.Bench: the same eight GAN variants (notebooks 01-06), built with the same
layers, initialization, losses, optimizers and step structure as lib/GanNotebooks, timed the same way, written
to the same JSON schema ("gan-bench/1"). bench/compare.py puts the two side by side.

    python3 bench/pytorch_reference.py --device cuda --out ref.json
    python3 bench/pytorch_reference.py --quick            # a tiny run: does everything work?

What mirrors what (C# in lib/GanNotebooks):
  the networks (Mlp*, Dcgan*, WganCritic,    Models/*.cs           imported from the PyTorch oracle,
  Conditional*, SganDiscriminator)                                 tests/GanNotebooks.Oracle.Tests/oracle/networks.py,
                                                                   which the oracle tests check against the C# models
  Trainer.step_nosync / flush                Training/GanTrainer.cs, GanTrainerBase.cs (Record / FlushMetrics)
  SganTrainer                                Training/SganTrainer.cs
  losses                                     Losses/*.cs           (softplus forms, per-sample gradient penalty)
Both sides seed libtorch's CPU generator and build G, then D, in the same order: the freshly initialized weights
should then be identical, which init_abs_sum_g/d (sum of |w|) lets compare.py check.

Epoch modes: "resident" (dataset on the device, randperm + index_select like the library's Batches, no host sync
per step, metrics read every --flush-every steps), "sync" (the same, metrics read every step) and, here only,
"dataloader": the tutorial loop, a torch.utils.data.DataLoader over a TensorDataset in host memory (shuffle=True,
drop_last=True, pin_memory on CUDA, num_workers=0), batches copied with .to(device, non_blocking=True), metrics
read every step.
"""
import argparse
import gc
import importlib.util
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fid_scipy  # noqa: E402  (numpy/scipy only; the pytorch-fid route)

VARIANTS = ["gan", "dcgan", "lsgan", "wgan", "wgan-gp", "cgan", "cdcgan", "sgan"]
NOTEBOOK = {"gan": "01", "dcgan": "02", "lsgan": "03", "wgan": "04", "wgan-gp": "04", "cgan": "05", "cdcgan": "05",
            "sgan": "06"}
LABELLED_COUNT = 1000


# ----------------------------------------------------------------------------------------------------------------
# Models (Models/*.cs): the oracle's PyTorch networks, the one independent PyTorch copy of the library's models. The
# oracle tests (tests/GanNotebooks.Oracle.Tests) check them against the C# networks: state-dict keys and shapes,
# the same outputs from the same weights, and initial weights distributed alike.
# ----------------------------------------------------------------------------------------------------------------

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "GanNotebooks.Oracle.Tests",
                                "oracle"))
import networks  # noqa: E402

# The configuration records of Variant.Create (bench/GanNotebooks.Bench/Variant.cs), with the C# records' defaults and
# property names (networks.build reads them by those names).
MLP = dict(LatentDim=100, Hidden=256, Channels=1, ImageSize=28)                            # MlpConfig
DCGAN = dict(LatentDim=100, Features=64, Channels=1, ImageSize=28)                         # DcganConfig
CONDITIONAL_MLP = dict(MLP, NumClasses=10, EmbeddingDim=10)                                # ConditionalMlpConfig
CONDITIONAL_DCGAN = dict(DCGAN, NumClasses=10, EmbeddingDim=10)                            # ConditionalDcganConfig
SGAN = dict(NumClasses=10, Features=64, Channels=1, ImageSize=28)                          # SganConfig


def critic(norm):
    """WganCriticConfig(Norm: CriticNorm.BatchNorm or .LayerNorm)."""
    return dict(Features=64, Channels=1, ImageSize=28, Norm=norm)


def build(type_name, config):
    """A network by its C# class name, built and initialised like the library's (networks.build)."""
    return networks.build({"type": type_name, "config": config})


# ----------------------------------------------------------------------------------------------------------------
# Losses (Losses/*.cs)
# ----------------------------------------------------------------------------------------------------------------

def d_loss(objective, d_real, d_fake):
    if objective in ("ns", "minimax"):
        return F.softplus(-d_real).mean() + F.softplus(d_fake).mean()
    if objective == "ls":
        return 0.5 * (d_real - 1).square().mean() + 0.5 * d_fake.square().mean()
    return d_fake.mean() - d_real.mean()


def g_loss(objective, d_fake):
    if objective == "ns":
        return F.softplus(-d_fake).mean()
    if objective == "minimax":
        return -F.softplus(d_fake).mean()
    if objective == "ls":
        return 0.5 * (d_fake - 1).square().mean()
    return -d_fake.mean()


def gradient_penalty(critic, x_real, x_fake, lam):
    """WassersteinLoss.GradientPenalty: per-sample eps ~ U[0, 1], lam * mean_i (||grad_i||_2 - 1)^2."""
    eps = torch.rand([x_real.shape[0]] + [1] * (x_real.dim() - 1), dtype=x_real.dtype, device=x_real.device)
    x_hat = (eps * x_real.detach() + (1 - eps) * x_fake.detach()).requires_grad_(True)
    scores = critic(x_hat)
    g = torch.autograd.grad([scores], [x_hat], [torch.ones_like(scores)], retain_graph=True, create_graph=True)[0]
    return lam * (g.flatten(1).norm(dim=1) - 1).square().mean()


# ----------------------------------------------------------------------------------------------------------------
# Trainers (Training/*.cs)
# ----------------------------------------------------------------------------------------------------------------

CONFIGS = {  # TrainerConfig presets
    "dcgan": dict(objective="ns", optimizer="adam", lr=2e-4, betas=(0.5, 0.999), n_critic=1),
    "lsgan": dict(objective="ls", optimizer="adam", lr=2e-4, betas=(0.5, 0.999), n_critic=1),
    "wgan": dict(objective="w", optimizer="rmsprop", lr=5e-5, betas=None, n_critic=5, clip=0.01),
    "wgan-gp": dict(objective="wgp", optimizer="adam", lr=1e-4, betas=(0.0, 0.9), n_critic=5, gp=10.0),
}


def make_optimizer(cfg, params):
    if cfg["optimizer"] == "rmsprop":
        return torch.optim.RMSprop(params, lr=cfg["lr"])  # alpha 0.99, eps 1e-8: TorchSharp's defaults too
    return torch.optim.Adam(params, lr=cfg["lr"], betas=cfg["betas"])  # eps 1e-8; foreach on CUDA by default


class MetricSums:
    """GanTrainerBase.Record / FlushMetrics: six numbers stacked and summed on the device, read once per flush."""

    def __init__(self):
        self.sums, self.pending = None, 0

    def record(self, loss_d, loss_g, d_real, d_fake, penalty=None, accuracy=None):
        zero = torch.zeros_like(loss_d)
        m = torch.stack([loss_d, loss_g, d_real, d_fake,
                         zero if penalty is None else penalty, zero if accuracy is None else accuracy]).detach()
        if self.sums is None:
            self.sums = m.clone()
        else:
            self.sums.add_(m)
        self.pending += 1

    def flush(self):
        if self.sums is None:
            return None
        means = (self.sums / self.pending).cpu().tolist()  # the one host sync
        self.sums, self.pending = None, 0
        if not all(math.isfinite(v) for v in means):
            raise FloatingPointError("a loss became NaN or infinite: {}".format(means))
        return means


class GanTrainer:
    """GanTrainer: n_critic discriminator updates on the same real batch with fresh noise, then one G update."""

    def __init__(self, g, d, cfg, conditional, latent_dim, device):
        self.g, self.d, self.cfg, self.conditional = g, d, cfg, conditional
        self.latent_dim, self.device = latent_dim, device
        self.opt_g = make_optimizer(cfg, g.parameters())
        self.opt_d = make_optimizer(cfg, d.parameters())
        self.metrics = MetricSums()
        self.last = None

    def gen(self, z, y):
        return self.g(z, y) if self.conditional else self.g(z)

    def disc(self, x, y):
        return self.d(x, y) if self.conditional else self.d(x)

    def noise(self, n):
        return torch.randn(n, self.latent_dim, device=self.device)

    def report(self, d):
        return torch.sigmoid(d).mean() if self.cfg["objective"] in ("ns", "minimax") else d.mean()

    def update_d(self, x, y):
        self.opt_d.zero_grad()
        with torch.no_grad():
            x_fake = self.gen(self.noise(x.shape[0]), y)
        d_real = self.disc(x, y)
        d_fake = self.disc(x_fake, y)
        loss_d = d_loss(self.cfg["objective"], d_real, d_fake)
        penalty = None
        if self.cfg["objective"] == "wgp":
            penalty = gradient_penalty(lambda t: self.disc(t, y), x, x_fake, self.cfg["gp"])
            loss_d = loss_d + penalty
        loss_d.backward()
        self.opt_d.step()
        if self.cfg["objective"] == "w":
            with torch.no_grad():
                for p in self.d.parameters():
                    p.clamp_(-self.cfg["clip"], self.cfg["clip"])
        return loss_d, self.report(d_real), self.report(d_fake), penalty

    def update_g(self, n, y):
        self.opt_g.zero_grad()
        loss_g = g_loss(self.cfg["objective"], self.disc(self.gen(self.noise(n), y), y))
        loss_g.backward()
        self.opt_g.step()
        return loss_g

    def step_nosync(self, b):
        y = b["y"] if self.conditional else None
        for _ in range(self.cfg["n_critic"]):
            critic = self.update_d(b["x"], y)
        loss_g = self.update_g(b["x"].shape[0], y)
        self.metrics.record(critic[0], loss_g, critic[1], critic[2], critic[3], None)

    def flush(self):
        m = self.metrics.flush()
        self.last = m or self.last
        return m

    def step(self, b):
        self.step_nosync(b)
        return self.flush()


class SganTrainer(GanTrainer):
    """SganTrainer: one D update on labelled + unlabelled + fake, one G update (non-saturating on logsumexp)."""

    def step_nosync(self, b):
        xl, yl, xu = b["xl"], b["yl"], b["x"]
        self.opt_d.zero_grad()
        logits_l = self.d(xl)
        with torch.no_grad():
            x_fake = self.g(self.noise(xu.shape[0]))
        logits_u = self.d(xu)
        logits_f = self.d(x_fake)
        loss_d = (F.cross_entropy(logits_l, yl) + F.softplus(-logits_u.logsumexp(1)).mean()
                  + F.softplus(logits_f.logsumexp(1)).mean())
        loss_d.backward()
        self.opt_d.step()
        self.opt_g.zero_grad()
        loss_g = F.softplus(-self.d(self.g(self.noise(xu.shape[0]))).logsumexp(1)).mean()
        loss_g.backward()
        self.opt_g.step()
        accuracy = logits_l.argmax(1).eq(yl).float().mean()
        self.metrics.record(loss_d, loss_g, torch.sigmoid(logits_u.logsumexp(1)).mean(),
                            torch.sigmoid(logits_f.logsumexp(1)).mean(), None, accuracy)


def create_variant(name, device):
    """(G, D, trainer), built like Variant.Create: G then D on the CPU from the seeded generator, then moved."""
    if name == "gan":
        g, d, cfg, cond = build("MlpGenerator", MLP), build("MlpDiscriminator", MLP), CONFIGS["dcgan"], False
    elif name in ("dcgan", "lsgan"):
        g, d, cfg, cond = build("DcganGenerator", DCGAN), build("DcganDiscriminator", DCGAN), CONFIGS[name], False
    elif name == "wgan":
        g, d, cfg, cond = build("DcganGenerator", DCGAN), build("WganCritic", critic("BatchNorm")), CONFIGS["wgan"], False
    elif name == "wgan-gp":
        g, d, cfg, cond = build("DcganGenerator", DCGAN), build("WganCritic", critic("LayerNorm")), CONFIGS["wgan-gp"], False
    elif name == "cgan":
        g, d, cfg, cond = (build("ConditionalMlpGenerator", CONDITIONAL_MLP),
                           build("ConditionalMlpDiscriminator", CONDITIONAL_MLP), CONFIGS["dcgan"], True)
    elif name == "cdcgan":
        g, d, cfg, cond = (build("ConditionalDcganGenerator", CONDITIONAL_DCGAN),
                           build("ConditionalDcganDiscriminator", CONDITIONAL_DCGAN), CONFIGS["dcgan"], True)
    elif name == "sgan":
        g, d = build("DcganGenerator", DCGAN), build("SganDiscriminator", SGAN)
        g.to(device), d.to(device)
        return g, d, SganTrainer(g, d, CONFIGS["dcgan"], False, 100, device)
    else:
        raise ValueError(name)
    g.to(device), d.to(device)
    return g, d, GanTrainer(g, d, cfg, cond, 100, device)


# ----------------------------------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------------------------------

def find_fashion_mnist(data_dir):
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [data_dir, os.environ.get("GAN_DATA_DIR"), os.path.join(here, "..", "data"), "/usr/share/datasets"]
    for c in candidates:
        if c and os.path.exists(os.path.join(c, "fashion-mnist", "train-images-idx3-ubyte.gz")):
            return os.path.join(c, "fashion-mnist")
    return None


def load_data(data_dir, count):
    """(images float32 [N, 1, 28, 28] in [-1, 1], labels int64 [N], source) on the CPU."""
    import gzip
    import numpy as np
    folder = find_fashion_mnist(data_dir)
    if folder is None:
        print("Fashion-MNIST not found; using random images of the same shape.")
        x = torch.rand(60000, 1, 28, 28).mul_(2).sub_(1)
        y = torch.randint(0, 10, (60000,), dtype=torch.int64)
        source = "random (Fashion-MNIST files not found)"
    else:
        with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz")) as f:
            pixels = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
        with gzip.open(os.path.join(folder, "train-labels-idx1-ubyte.gz")) as f:
            labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
        x = torch.from_numpy(pixels.copy()).float().sub_(127.5).div_(127.5)  # ImageDataset.FromBytes
        y = torch.from_numpy(labels.copy()).long()
        source = "fashion-mnist"
    n = min(count, x.shape[0])
    return x[:n].contiguous(), y[:n].contiguous(), source


def resident_batches(x, y, batch):
    """Data/Batches.Epoch: a randperm from the CPU generator moved to the device, index_select per batch."""
    order = torch.randperm(x.shape[0]).to(x.device)
    for b in range(x.shape[0] // batch):
        idx = order[b * batch:(b + 1) * batch]
        yield x.index_select(0, idx), y.index_select(0, idx)


def cycle_resident(x, y, batch):
    while True:
        for b in resident_batches(x, y, batch):
            yield b


# ----------------------------------------------------------------------------------------------------------------
# Measurements
# ----------------------------------------------------------------------------------------------------------------

def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def time_chunks(o, device, step):
    per = max(1, o.steps // o.repeats)
    out = []
    for _ in range(o.repeats):
        sync(device)
        t0 = time.perf_counter()
        for _ in range(per):
            step()
        sync(device)
        out.append((time.perf_counter() - t0) * 1e3 / per)
    return out


def live_tensors():
    gc.collect()
    return sum(1 for obj in gc.get_objects() if torch.is_tensor(obj))


def smi(args):
    try:
        return subprocess.run(["nvidia-smi"] + args, capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def smi_process_mb():
    out = smi(["--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits"]) or ""
    for line in out.splitlines():
        f = [s.strip() for s in line.split(",")]
        if len(f) == 2 and f[0] == str(os.getpid()):
            return float(f[1])
    return None


def epoch(trainer, o, x_all, y_all, xl, yl, device, mode):
    """One epoch: mode resident (no per-step sync), sync (a metrics read per step) or dataloader (tutorial loop)."""
    is_sgan = isinstance(trainer, SganTrainer)
    labelled = cycle_resident(xl, yl, min(o.batch, xl.shape[0]))
    trainer.flush()
    steps = 0
    if mode == "dataloader":
        ds = torch.utils.data.TensorDataset(x_all.cpu(), y_all.cpu())
        loader = torch.utils.data.DataLoader(ds, batch_size=o.batch, shuffle=True, drop_last=True,
                                             pin_memory=device.type == "cuda", num_workers=0)
        source = ((x.to(device, non_blocking=True), y.to(device, non_blocking=True)) for x, y in loader)
    else:
        source = resident_batches(x_all, y_all, o.batch)
    sync(device)
    t0 = time.perf_counter()
    for x, y in source:
        b = {"x": x, "y": y}
        if is_sgan:
            b["xl"], b["yl"] = next(labelled)
        if mode == "resident":
            trainer.step_nosync(b)
            if (steps + 1) % o.flush_every == 0:
                trainer.flush()
        else:
            trainer.step(b)
        steps += 1
    trainer.flush()
    sync(device)
    return time.perf_counter() - t0, steps


def run_variant(name, o, x_all, y_all, device):
    torch.manual_seed(o.seed)
    if device.type == "cuda":
        torch.cuda.manual_seed_all(o.seed)
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats(device)
    g, d, trainer = create_variant(name, device)
    abs_g = sum(p.detach().double().abs().sum().item() for p in g.parameters())
    abs_d = sum(p.detach().double().abs().sum().item() for p in d.parameters())
    bsz = min(o.batch, x_all.shape[0])
    bl = min(bsz, LABELLED_COUNT, x_all.shape[0])
    fixed = {"x": x_all[:bsz], "y": y_all[:bsz], "xl": x_all[:bl], "yl": y_all[:bl]}
    for _ in range(o.warmup):
        trainer.step_nosync(fixed)
    trainer.flush()
    sync(device)
    live_before = live_tensors()
    nosync = time_chunks(o, device, lambda: trainer.step_nosync(fixed))
    trainer.flush()
    withsync = time_chunks(o, device, lambda: trainer.step(fixed))
    live_after_steps = live_tensors()
    r = dict(variant=name, notebook=NOTEBOOK[name], device=device.type, batch=bsz,
             critic_steps=getattr(trainer, "cfg", {}).get("n_critic", 1),
             params_g=sum(p.numel() for p in g.parameters()), params_d=sum(p.numel() for p in d.parameters()),
             init_abs_sum_g=abs_g, init_abs_sum_d=abs_d,
             step_ms=statistics.median(nosync), step_ms_min=min(nosync), step_ms_chunks=nosync,
             step_sync_ms=statistics.median(withsync), step_sync_ms_min=min(withsync),
             epoch_images=None, epoch_steps=None, epoch_resident_s=None, epoch_sync_s=None, epoch_dataloader_s=None)
    if o.epoch:
        xe, ye = x_all[:o.epoch_images], y_all[:o.epoch_images]
        xl, yl = x_all[:LABELLED_COUNT], y_all[:LABELLED_COUNT]
        for mode in ("resident", "sync", "dataloader"):
            seconds, steps = epoch(trainer, o, xe, ye, xl, yl, device, mode)
            r["epoch_%s_s" % mode] = seconds
        r["epoch_steps"], r["epoch_images"] = steps, steps * o.batch
    live_after = live_tensors()
    if device.type == "cuda":
        r.update(peak_mb=torch.cuda.max_memory_allocated(device) / 2 ** 20,
                 peak_mb_source="torch.cuda.max_memory_allocated",
                 peak_reserved_mb=torch.cuda.max_memory_reserved(device) / 2 ** 20, smi_mb=smi_process_mb())
    else:
        r.update(peak_mb=None, peak_mb_source="n/a (CPU)")
    last = trainer.last or [None, None]
    r.update(host_peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
             live_tensors_before=live_before, live_tensors_after_steps=live_after_steps, live_tensors_after=live_after,
             live_tensors_delta=live_after - live_before, last_loss_d=last[0], last_loss_g=last[1])
    return r  # G, D, the trainer and their device memory go with this frame


# ----------------------------------------------------------------------------------------------------------------
# FID (same routes as FidBench.cs, plus scipy.linalg.sqrtm, the pytorch-fid route)
# ----------------------------------------------------------------------------------------------------------------

def fid_features(n, d, device, seed):
    g = torch.Generator().manual_seed(seed + 1000)  # FidBench.Features: same generator, same draws
    a = torch.randn(n, d, generator=g)
    b = torch.randn(n, d, generator=g).mul_(1.1).add_(0.05)
    return a.to(device), b.to(device)


def plain_gram(xc):
    return xc.T.mm(xc)


def symmetric_gram(xc, blocks=4):
    d = xc.shape[1]
    size = (d + blocks - 1) // blocks
    gram = torch.empty(d, d, dtype=xc.dtype, device=xc.device)
    for start in range(0, d, size):
        block = xc[:, start:start + size].T.mm(xc[:, start:])
        gram[start:start + size, start:] = block
        gram[start:, start:start + size] = block.T
    return gram


def f32_gram(xc):
    x32 = xc.float()
    return x32.T.mm(x32).double()


def moments(f, gram):
    x = f.double()
    mu = x.mean(0)
    xc = x - mu
    return mu, gram(xc).div_(x.shape[0] - 1)


def similar_eigh(s1, s2):
    w, v = torch.linalg.eigh(s1)
    b = v * w.clamp_min(0).sqrt()
    m = b.T.mm(s2).mm(b)
    return (m + m.T) / 2


def similar_cholesky(s1, s2):
    lo = torch.linalg.cholesky(s1)
    m = lo.T.mm(s2.mm(lo))
    return (m + m.T) / 2


def fid_torch(f1, f2, gram, similar):
    t0 = time.perf_counter()
    mu1, s1 = moments(f1, gram)
    mu2, s2 = moments(f2, gram)
    sync(f1.device)
    stats_ms = (time.perf_counter() - t0) * 1e3
    lam = torch.linalg.eigvalsh(similar(s1, s2))
    fid = (mu1 - mu2).square().sum() + s1.trace() + s2.trace() - 2 * lam.clamp_min(0).sqrt().sum()
    return fid.item(), stats_ms


def run_fid(o, device):
    rows = []
    runs = 5 if device.type == "cuda" else 1
    f1, f2 = fid_features(o.fid_n, o.fid_d, device, o.seed)
    w1, w2 = fid_features(min(o.fid_n, 512), min(o.fid_d, 128), device, o.seed + 1)
    routes = [("torch-eigh", plain_gram, similar_eigh), ("torch-cholesky", plain_gram, similar_cholesky),
              ("torch-cholesky-symgram", symmetric_gram, similar_cholesky),
              ("torch-cholesky-f32gram", f32_gram, similar_cholesky)]
    ref = None
    for method, gram, similar in routes:
        fid_torch(w1, w2, gram, similar)
        if device.type == "cuda":
            fid_torch(f1, f2, gram, similar)
        ms, stats_ms, value = [], [], None
        for _ in range(runs):
            sync(device)
            t0 = time.perf_counter()
            value, s = fid_torch(f1, f2, gram, similar)
            ms.append((time.perf_counter() - t0) * 1e3)
            stats_ms.append(s)
        ref = value if ref is None else ref
        rows.append(dict(method=method, device=device.type, n=o.fid_n, d=o.fid_d, ms=statistics.median(ms),
                         ms_runs=ms, stats_ms=statistics.median(stats_ms), value=value,
                         note=None if method == "torch-eigh" else "|diff| vs eigh {:.3g}".format(abs(value - ref))))
    if importlib.util.find_spec("scipy") is not None:
        a, b = f1.cpu().numpy(), f2.cpu().numpy()
        value, ms, stats_ms = fid_scipy.timed_fid(a, b)
        rows.append(dict(method="scipy-sqrtm (pytorch-fid route)", device="cpu", n=o.fid_n, d=o.fid_d, ms=ms,
                         ms_runs=[ms], stats_ms=stats_ms, value=value,
                         note="numpy/scipy on {} CPU threads; |diff| vs eigh {:.3g}".format(os.cpu_count(),
                                                                                         abs(value - ref))))
    else:
        print("scipy not installed: no scipy-sqrtm row")
    return rows


# ----------------------------------------------------------------------------------------------------------------
# Micro-benchmarks (MicroBench.cs)
# ----------------------------------------------------------------------------------------------------------------

def micro_row(name, dev, calls, device, fn, note=None):
    for _ in range(max(3, calls // 10)):
        fn()
    sync(device)
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    sync(device)
    return dict(name=name, device=dev, us_per_call=(time.perf_counter() - t0) * 1e6 / calls, calls=calls, note=note)


class FlatAdam:
    def __init__(self, params):
        params = list(params)
        self.p = torch.cat([q.detach().flatten() for q in params])
        self.grad = torch.cat([q.grad.flatten() for q in params])
        self.m, self.v, self.t = torch.zeros_like(self.p), torch.zeros_like(self.p), 0

    def step(self):
        lr, b1, b2, eps = 2e-4, 0.5, 0.999, 1e-8
        self.t += 1
        bc1, bc2 = 1 - b1 ** self.t, 1 - b2 ** self.t
        self.m.mul_(b1).add_(self.grad, alpha=1 - b1)
        self.v.mul_(b2).addcmul_(self.grad, self.grad, value=1 - b2)
        denom = (self.v.sqrt() / math.sqrt(bc2)).add_(eps)
        self.p.addcdiv_(self.m, denom, value=-lr / bc1)


def run_micro(device, quick):
    dev, cuda = device.type, device.type == "cuda"
    calls = 500 if cuda else (20 if quick else 100)
    torch.manual_seed(0)
    g, d = build("DcganGenerator", DCGAN).to(device), build("DcganDiscriminator", DCGAN).to(device)
    d(g(torch.randn(64, 100, device=device))).mean().backward()
    ps = list(g.parameters()) + list(d.parameters())
    count = "{} parameter tensors, {} values".format(len(ps), sum(p.numel() for p in ps))
    rows = []
    impls = [("per-tensor", dict(foreach=False)), ("foreach", dict(foreach=True))]
    if cuda:
        impls.append(("fused", dict(fused=True)))
    for label, kw in impls:
        og = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), **kw)
        od = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), **kw)
        rows.append(micro_row("adam.step %s (dcgan G+D)" % label, dev, calls, device,
                              lambda: (og.step(), od.step()), "PyTorch Adam(%s): %s" % (kw, count)))
    fg, fd = FlatAdam(g.parameters()), FlatAdam(d.parameters())
    rows.append(micro_row("adam.step flat (same sizes)", dev, calls, device, lambda: (fg.step(), fd.step())))
    og = torch.optim.Adam(g.parameters(), lr=2e-4)
    od = torch.optim.Adam(d.parameters(), lr=2e-4)
    rows.append(micro_row("optimizer.zero_grad (G+D)", dev, calls, device,
                          lambda: (og.zero_grad(set_to_none=False), od.zero_grad(set_to_none=False)),
                          "set_to_none=False, as TorchSharp's optimizer does"))

    def clip():
        with torch.no_grad():
            for p in d.parameters():
                p.clamp_(-1.0, 1.0)
    rows.append(micro_row("clip weights (dcgan D)", dev, calls, device, clip))
    t = torch.zeros(1, device=device)
    rows.append(micro_row("tiny op (add_ on 1 value)", dev, calls * 20, device, lambda: t.add_(1.0)))
    n = 1024 if quick else 2048
    for dtype in (torch.float64, torch.float32):
        a, b = torch.randn(n, n, dtype=dtype, device=device), torch.randn(n, n, dtype=dtype, device=device)
        row = micro_row("matmul %d^3 %s" % (n, str(dtype).split(".")[1]), dev, 20 if cuda else 2, device,
                        lambda: a.mm(b))
        row["note"] = "%.0f GFLOP/s" % (2.0 * n ** 3 / (row["us_per_call"] * 1e-6) / 1e9)
        rows.append(row)
    return rows


# ----------------------------------------------------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------------------------------------------------

def machine_info(device):
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu)
    except OSError:
        pass
    gpu = None
    if device.type == "cuda":
        drv = (smi(["--query-gpu=driver_version", "--format=csv,noheader"]) or "").strip().splitlines()
        gpu = torch.cuda.get_device_name(device) + (", " + drv[0] if drv else "")
    commit = os.environ.get("GAN_BENCH_COMMIT")
    if not commit:
        try:
            commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True,
                                    check=True).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            commit = None
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return dict(date=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), host=platform.node(),
                os=platform.platform(), cpu=cpu, cpu_cores=os.cpu_count(), load_average1m=load,
                torch_threads=torch.get_num_threads(), device=device.type, gpu=gpu,
                framework_version="PyTorch " + torch.__version__ +
                (" (CUDA %s)" % torch.version.cuda if torch.version.cuda else ""),
                runtime="Python " + platform.python_version(), git_commit=commit)


def table(r):
    lines = ["data: {}; device: {}{}; torch threads: {}; {}".format(
        r["data_source"], r["machine"]["device"], " (%s)" % r["machine"]["gpu"] if r["machine"]["gpu"] else "",
        r["machine"]["torch_threads"], r["machine"]["framework_version"])]
    lines.append("{:<8} {:<5} {:>5} {:>10} {:>10} {:>30} {:>9} {:>7} {:>9} {:>9}".format(
        "variant", "dev", "batch", "ms/step", "ms/step*", "epoch s res/sync/DL", "peak MB", "live Δ", "params G",
        "params D"))
    for v in r["variants"]:
        ep = "-" if v["epoch_resident_s"] is None else "{:.2f} / {:.2f} / {:.2f}".format(
            v["epoch_resident_s"], v["epoch_sync_s"], v["epoch_dataloader_s"])
        lines.append("{:<8} {:<5} {:>5} {:>10.2f} {:>10.2f} {:>30} {:>9} {:>7} {:>9} {:>9}".format(
            v["variant"], v["device"], v["batch"], v["step_ms"], v["step_sync_ms"], ep,
            "n/a" if v["peak_mb"] is None else "%.0f" % v["peak_mb"], v["live_tensors_delta"], v["params_g"],
            v["params_d"]))
    for f in r["fid"]:
        lines.append("FID {:<34} {:<5} {}x{}: {:9.1f} ms (stats {:.1f} ms) value {:.4f} {}".format(
            f["method"], f["device"], f["n"], f["d"], f["ms"], f["stats_ms"], f["value"], f["note"] or ""))
    for m in r["micro"]:
        lines.append("micro {:<34} {:<5} {:10.1f} µs/call  {}".format(m["name"], m["device"], m["us_per_call"],
                                                                    m["note"] or ""))
    return "\n".join(lines)


def write_atomic(path, text):
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    tmp = path + ".tmp-%d" % os.getpid()
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def csv_text(r):
    cols = ["variant", "device", "batch", "critic_steps", "params_g", "params_d", "step_ms", "step_ms_min",
            "step_sync_ms", "epoch_images", "epoch_resident_s", "epoch_sync_s", "epoch_dataloader_s", "peak_mb",
            "live_tensors_delta"]
    out = ["framework," + ",".join(cols)]
    for v in r["variants"]:
        out.append(",".join([r["framework"]] + ["" if v.get(c) is None else "%g" % v[c] if isinstance(v[c], float)
                                                else str(v[c]) for c in cols]))
    for f in r["fid"]:
        out.append(",".join([r["framework"], "fid:" + f["method"], f["device"], str(f["n"]), "", str(f["d"]), "",
                             "%g" % f["ms"]] + [""] * 8))
    return "\n".join(out) + "\n"


def parse(argv):
    p = argparse.ArgumentParser(description="PyTorch reference for GanNotebooks.Bench (same options, same JSON).")
    onoff = lambda s: {"on": True, "off": False, "true": True, "false": False, "1": True, "0": False}[s.lower()]  # noqa: E731
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--variants", default="all")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=60)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--epoch", type=onoff, default=True)
    p.add_argument("--epoch-images", type=int, default=60000)
    p.add_argument("--flush-every", type=int, default=100)
    p.add_argument("--fid", type=onoff, default=True)
    p.add_argument("--fid-n", type=int, default=10000)
    p.add_argument("--fid-d", type=int, default=2048)
    p.add_argument("--micro", type=onoff, default=True)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--data-dir")
    p.add_argument("--out")
    p.add_argument("--seed", type=int, default=0)
    o = p.parse_args(argv)
    if o.quick:  # the same tiny sizes as the C# --quick
        given = set(a.split("=")[0] for a in argv)
        for k, v in dict(batch=16, steps=2, warmup=1, repeats=2, epoch_images=128, flush_every=4, fid_n=2000,
                         fid_d=256).items():
            if "--" + k.replace("_", "-") not in given:
                setattr(o, k, v)
    o.variants = [] if o.variants == "none" else VARIANTS if o.variants == "all" else o.variants.split(",")
    for v in o.variants:
        if v not in VARIANTS:
            p.error("unknown variant %r; known: %s" % (v, ", ".join(VARIANTS)))
    o.repeats = min(o.repeats, o.steps)
    return o


def main(argv):
    o = parse(argv)
    if o.threads > 0:
        torch.set_num_threads(o.threads)
    if o.device == "cuda" and not torch.cuda.is_available():
        sys.exit("CUDA was requested but torch.cuda.is_available() is False.")
    device = torch.device(o.device)
    report = dict(schema="gan-bench/1", framework="pytorch", machine=machine_info(device),
                  options={k: v for k, v in vars(o).items()}, data_source="none (no variant run)",
                  variants=[], fid=[], micro=[], notes=[])
    print("device: {}; torch threads {}; {}".format(o.device, torch.get_num_threads(),
                                                    report["machine"]["framework_version"]))
    if o.variants:
        x, y, source = load_data(o.data_dir, max(o.epoch_images, o.batch, LABELLED_COUNT))
        report["data_source"] = source
        x, y = x.to(device), y.to(device)
        for name in o.variants:
            t0 = time.perf_counter()
            r = run_variant(name, o, x, y, device)
            report["variants"].append(r)
            print("  {:<8} {:8.2f} ms/step, {:8.2f} ms/step with sync ({:.0f} s)".format(
                name, r["step_ms"], r["step_sync_ms"], time.perf_counter() - t0))
    if o.fid:
        print("FID on {} x {} random features ...".format(o.fid_n, o.fid_d))
        report["fid"] = run_fid(o, device)
    if o.micro:
        print("micro-benchmarks ...")
        report["micro"] = run_micro(device, o.quick)
    print()
    print(table(report))
    if o.out:
        write_atomic(o.out, json.dumps(report, indent=2))
        write_atomic(os.path.splitext(o.out)[0] + ".csv", csv_text(report))
        print("wrote", o.out)


if __name__ == "__main__":
    main(sys.argv[1:])
