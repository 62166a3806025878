using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>
/// FID between two sets of N x D random features (float32 in, float64 math), timed by route:
/// <list type="bullet">
/// <item>torch-eigh: the library's route (Metrics/Fid.cs): Σ by one float64 mm of the centred features; eigh(Σ₁) with
/// vectors, B = V diag(√w), M = Bᵀ Σ₂ B, tr √(Σ₁Σ₂) = Σ √eigvalsh(M). Implemented here so that it runs before the
/// metrics branch is merged.</item>
/// <item>torch-cholesky: Σ₁ = L Lᵀ, M = Lᵀ Σ₂ L (similar to Σ₁Σ₂), Σ √eigvalsh(M): a Cholesky (n³/3) instead of a full
/// eigendecomposition with vectors (about 9n³), the same answer for positive definite Σ₁.</item>
/// <item>lib: GanNotebooks.Metrics.Fid.Compute itself, when Metrics/Fid.cs is in the tree.</item>
/// </list>
/// Both sets are standard normal, the second scaled by 1.1 and shifted by 0.05, so FID is clearly non-zero.
/// </summary>
public static class FidBench
{
    public static List<FidRow> Run(int n, int d, Device device, int seed)
    {
        var rows = new List<FidRow>();
        string dev = device.type.ToString().ToLowerInvariant();
        int runs = device.type == DeviceType.CUDA ? 5 : 1;
        using var scope = torch.NewDisposeScope();
        var (f1, f2) = Features(n, d, device, seed);
        var (w1, w2) = Features(Math.Min(n, 512), Math.Min(d, 128), device, seed + 1);   // warm-up: loads LAPACK / cuSOLVER
        Eigh(w1, w2);
        Cholesky(w1, w2);
        if (device.type == DeviceType.CUDA) { Eigh(f1, f2); Cholesky(f1, f2); Cholesky(f1, f2, SymmetricGram); Cholesky(f1, f2, Float32Gram); }

        var eigh = Time(runs, device, () => Eigh(f1, f2));
        rows.Add(Row("torch-eigh", dev, n, d, eigh, null));
        var chol = Time(runs, device, () => Cholesky(f1, f2));
        rows.Add(Row("torch-cholesky", dev, n, d, chol, Diff(chol, eigh)));
        var sym = Time(runs, device, () => Cholesky(f1, f2, SymmetricGram));
        rows.Add(Row("torch-cholesky-symgram", dev, n, d, sym, Diff(sym, eigh)));
        var f32 = Time(runs, device, () => Cholesky(f1, f2, Float32Gram));
        rows.Add(Row("torch-cholesky-f32gram", dev, n, d, f32, Diff(f32, eigh) + " (float32 Gram: precision trade)"));
#if HAS_LIB_FID
        if (device.type == DeviceType.CUDA) LibFid(f1, f2, device);
        var lib = Time(runs, device, () => (LibFid(f1, f2, device), (double?)null));
        rows.Add(Row("lib GanNotebooks.Metrics.Fid", dev, n, d, lib, $"|Δ| vs eigh {Math.Abs(lib.Value - eigh.Value):G3}"));
#endif
        return rows;
    }

    static (Tensor, Tensor) Features(int n, int d, Device device, int seed)
    {
        using var g = new torch.Generator((ulong)seed + 1000, torch.CPU);
        var a = torch.randn([n, d], generator: g);                             // [N, D] ~ N(0, 1)
        var b = torch.randn([n, d], generator: g).mul_(1.1).add_(0.05);        // [N, D] ~ N(0.05, 1.21)
        return (a.to(device), b.to(device));
    }

    static string Diff(Timed a, Timed b) => $"|Δ| vs eigh {Math.Abs(a.Value - b.Value):G3}";

    /// <summary>μ [D] and Σ [D, D] in float64: Σ = Gram(X_c) / (N − 1).</summary>
    static (Tensor Mu, Tensor Sigma) Moments(Tensor f, Func<Tensor, Tensor> gram)
    {
        var x = f.to_type(ScalarType.Float64);                                  // [N, D]
        var mu = x.mean([0]);                                                   // [D]
        var xc = x - mu;                                                        // [N, D]
        return (mu, gram(xc).div_(x.shape[0] - 1));                             // [D, D]
    }

    /// <summary>X_cᵀ X_c with one mm: 2·N·D² flops.</summary>
    static Tensor PlainGram(Tensor xc) => xc.T.mm(xc);

    /// <summary>X_cᵀ X_c from the upper block triangle only (4 column blocks: 62.5 % of the flops), as the library does.</summary>
    static Tensor SymmetricGram(Tensor xc)
    {
        const int blocks = 4;
        long d = xc.shape[1], size = (d + blocks - 1) / blocks;
        var gram = torch.empty(d, d, dtype: xc.dtype, device: xc.device);
        for (long start = 0; start < d; start += size)
        {
            var rows = TensorIndex.Slice(start, Math.Min(d, start + size));
            var rest = TensorIndex.Slice(start, null);
            var block = xc[TensorIndex.Colon, rows].T.mm(xc[TensorIndex.Colon, rest]);   // [size, D − start]
            gram[rows, rest] = block;
            gram[rest, rows] = block.T;
        }
        return gram;
    }

    /// <summary>Centred in float64, the Gram in float32 (twice the rate, about 1e-7 relative error per entry).</summary>
    static Tensor Float32Gram(Tensor xc)
    {
        var x32 = xc.to_type(ScalarType.Float32);
        return x32.T.mm(x32).to_type(ScalarType.Float64);
    }

    static (double Value, double? StatsMs) Eigh(Tensor f1, Tensor f2) => Compute(f1, f2, PlainGram, (s1, s2) =>
    {
        var (w, v) = torch.linalg.eigh(s1);                                     // Σ₁ = V diag(w) Vᵀ
        var b = v * w.clamp_min(0).sqrt();                                      // B = V diag(√w)
        var m = b.T.mm(s2).mm(b);                                               // Bᵀ Σ₂ B
        return (m + m.T) / 2;
    });

    static (double Value, double? StatsMs) Cholesky(Tensor f1, Tensor f2, Func<Tensor, Tensor>? gram = null) =>
        Compute(f1, f2, gram ?? PlainGram, (s1, s2) =>
    {
        var l = torch.linalg.cholesky(s1);                                      // Σ₁ = L Lᵀ
        var m = l.T.mm(s2.mm(l));                                               // Lᵀ Σ₂ L = L⁻¹ (Σ₁Σ₂) L
        return (m + m.T) / 2;
    });

    /// <summary>FID = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 Σ √λ(M), with M a symmetric matrix similar to Σ₁Σ₂.</summary>
    static (double Value, double? StatsMs) Compute(Tensor f1, Tensor f2, Func<Tensor, Tensor> gram,
        Func<Tensor, Tensor, Tensor> similar)
    {
        using var scope = torch.NewDisposeScope();
        var sw = Stopwatch.StartNew();
        var (mu1, s1) = Moments(f1, gram);
        var (mu2, s2) = Moments(f2, gram);
        if (f1.device.type == DeviceType.CUDA) torch.cuda.synchronize(f1.device);
        double statsMs = sw.Elapsed.TotalMilliseconds;
        var lambda = torch.linalg.eigvalsh(similar(s1, s2));
        var fid = (mu1 - mu2).square().sum() + s1.trace() + s2.trace() - 2 * lambda.clamp_min(0).sqrt().sum();
        return (fid.item<double>(), statsMs);
    }

#if HAS_LIB_FID
    static double LibFid(Tensor f1, Tensor f2, Device device) =>
        GanNotebooks.Metrics.Fid.Compute(f1, f2, new GanNotebooks.Metrics.FidOptions(Device: device)).Value;
#endif

    readonly record struct Timed(double[] Ms, double Value, double? StatsMs);

    static Timed Time(int runs, Device device, Func<(double Value, double? StatsMs)> f)
    {
        var ms = new double[runs];
        (double Value, double? StatsMs) last = default;
        var stats = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            VariantBench.Sync(device);
            var sw = Stopwatch.StartNew();
            last = f();                                                         // item<double>() synchronizes
            ms[i] = sw.Elapsed.TotalMilliseconds;
            if (last.StatsMs is double s) stats.Add(s);
        }
        return new Timed(ms, last.Value, stats.Count > 0 ? Stats.Median(stats) : null);
    }

    static FidRow Row(string method, string dev, int n, int d, Timed t, string? note) => new()
    {
        Method = method, Device = dev, N = n, D = d, Ms = Stats.Median(t.Ms), MsRuns = t.Ms, StatsMs = t.StatsMs,
        Value = t.Value, Note = note,
    };
}
