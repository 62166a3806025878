using System.Diagnostics;
using GanNotebooks.Losses;
using GanNotebooks.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>
/// Where a launch-bound step spends its host time: TorchSharp's Adam (managed code, about 8 tensor ops per parameter
/// tensor: 18 tensors for DCGAN G + D) against the same update on one flat tensor per network (8 ops in all),
/// zero_grad (one zero_ per parameter tensor), the weight clipping of WGAN, one tiny op (the dispatch floor), and the
/// float64/float32 matmul rate (the FID ceiling).
/// </summary>
public static class MicroBench
{
    public static List<MicroRow> Run(Device device, bool quick)
    {
        string dev = device.type.ToString().ToLowerInvariant();
        bool cuda = device.type == DeviceType.CUDA;
        int calls = cuda ? 500 : quick ? 20 : 100;
        var rows = new List<MicroRow>();
        Setup.Seed(0);
        var g = new DcganGenerator(new DcganConfig());
        var d = new DcganDiscriminator(new DcganConfig());
        g.to(device);
        d.to(device);
        using (var scope = torch.NewDisposeScope())
        {
            var z = torch.randn([64, 100], device: device);
            d.call(g.call(z)).mean().backward();                               // every parameter gets a .grad
        }
        var ps = g.parameters().Concat(d.parameters()).ToArray();
        string count = $"{ps.Length} parameter tensors, {ps.Sum(p => p.numel())} values";

        using (var adamG = torch.optim.Adam(g.parameters(), 2e-4, 0.5, 0.999))
        using (var adamD = torch.optim.Adam(d.parameters(), 2e-4, 0.5, 0.999))
            rows.Add(Row("adam.step per-tensor (dcgan G+D)", dev, calls, device, () => { adamG.step(); adamD.step(); },
                "TorchSharp's Adam: " + count));
        using (var flatG = new FlatAdam(g.parameters(), device))
        using (var flatD = new FlatAdam(d.parameters(), device))
            rows.Add(Row("adam.step flat (same sizes)", dev, calls, device, () => { flatG.Step(); flatD.Step(); },
                "one flat tensor per network: what a foreach/fused Adam amounts to"));
        using (var adamG = torch.optim.Adam(g.parameters(), 2e-4, 0.5, 0.999))
        using (var adamD = torch.optim.Adam(d.parameters(), 2e-4, 0.5, 0.999))
            rows.Add(Row("optimizer.zero_grad (G+D)", dev, calls, device, () => { adamG.zero_grad(); adamD.zero_grad(); },
                "PyTorch's default set_to_none skips these kernels"));
        rows.Add(Row("clip weights (dcgan D)", dev, calls, device, () => WassersteinLoss.ClipWeights(d, 1.0),
            "per critic step in WGAN (c = 1 here so the weights stay as they are)"));
        using (var t = torch.zeros(1, device: device))
            rows.Add(Row("tiny op (add_ on 1 value)", dev, calls * 20, device, () => t.add_(1.0), "dispatch floor per op"));
        rows.Add(Gemm(ScalarType.Float64, device, dev, quick ? 1024 : 2048));
        rows.Add(Gemm(ScalarType.Float32, device, dev, quick ? 1024 : 2048));
        g.Dispose();
        d.Dispose();
        return rows;
    }

    static MicroRow Row(string name, string dev, int calls, Device device, Action call, string? note)
    {
        for (int i = 0; i < Math.Max(3, calls / 10); i++) call();                // warm-up (optimizer state is created here)
        VariantBench.Sync(device);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < calls; i++)
        {
            using var scope = torch.NewDisposeScope();
            call();
        }
        VariantBench.Sync(device);
        return new MicroRow { Name = name, Device = dev, Calls = calls, UsPerCall = sw.Elapsed.TotalMicroseconds / calls, Note = note };
    }

    /// <summary>An n³ matmul: GFLOP/s (2n³ flops) in the note; µs per call as the value.</summary>
    static MicroRow Gemm(ScalarType dtype, Device device, string dev, int n)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.randn([n, n], dtype: dtype, device: device);
        var b = torch.randn([n, n], dtype: dtype, device: device);
        int calls = device.type == DeviceType.CUDA ? 20 : 2;
        var row = Row($"matmul {n}^3 {dtype.ToString().ToLowerInvariant()}", dev, calls, device, () => a.mm(b), null);
        double gflops = 2.0 * n * n * n / (row.UsPerCall * 1e-6) / 1e9;
        return new MicroRow { Name = row.Name, Device = dev, Calls = calls, UsPerCall = row.UsPerCall, Note = $"{gflops:F0} GFLOP/s" };
    }

    /// <summary>Adam (PyTorch's formula, as TorchSharp's Adam) on one flat copy of a network's parameters and gradients.</summary>
    sealed class FlatAdam : IDisposable
    {
        readonly Tensor p, grad, m, v;
        int t;

        public FlatAdam(IEnumerable<TorchSharp.Modules.Parameter> parameters, Device device)
        {
            using var scope = torch.NewDisposeScope();
            var list = parameters.ToArray();
            p = torch.cat(list.Select(x => x.detach().flatten()).ToArray()).DetachFromDisposeScope();
            grad = torch.cat(list.Select(x => x.grad!.flatten()).ToArray()).DetachFromDisposeScope();
            m = torch.zeros_like(p).DetachFromDisposeScope();
            v = torch.zeros_like(p).DetachFromDisposeScope();
        }

        public void Step()
        {
            const double lr = 2e-4, b1 = 0.5, b2 = 0.999, eps = 1e-8;
            t++;
            double bc1 = 1 - Math.Pow(b1, t), bc2 = 1 - Math.Pow(b2, t);
            m.mul_(b1).add_(grad, alpha: 1 - b1);
            v.mul_(b2).addcmul_(grad, grad, value: 1 - b2);
            var denom = (v.sqrt() / Math.Sqrt(bc2)).add_(eps);
            p.addcdiv_(m, denom, value: -lr / bc1);
        }

        public void Dispose()
        {
            p.Dispose();
            grad.Dispose();
            m.Dispose();
            v.Dispose();
        }
    }
}
