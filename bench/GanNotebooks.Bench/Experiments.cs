using System.Diagnostics;
using GanNotebooks.Losses;
using GanNotebooks.Models;
using GanNotebooks.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>
/// Step-level experiments on changes the library could make, timed against the library's own step on the same
/// batch (non-saturating GAN, Adam; the "gan" and "dcgan" variants):
/// <list type="bullet">
/// <item>lib: <see cref="GanTrainer.StepNoSync"/> itself.</item>
/// <item>copy: the same step written out here (must time and compute the same: it validates the copy).</item>
/// <item>set_to_none: zero_grad by dropping the gradients (Module.zero_grad(true)) instead of one zero_ per tensor.</item>
/// <item>flat: every parameter a view into one buffer per network, every gradient a view into another; zero_grad is
/// one zero_, Adam is 8 ops per network instead of about 8 per parameter tensor. What PyTorch's foreach/fused Adam
/// buys, done with plain ops, since TorchSharp 0.107 has neither.</item>
/// </list>
/// Each row also gives the tensor handles created per step (a count of dispatched ops: the launch count on a GPU),
/// and the largest parameter difference from the copy after a few steps from the same seed (the same numbers?).
/// </summary>
public static class Experiments
{
    public enum Mode { Copy, SetToNone, Flat }

    public static List<ExperimentRow> Run(string variant, BenchOptions o, BenchData data, Device device)
    {
        var fixedBatch = data.FixedBatch(o.Batch);
        var owned = new List<IDisposable>();
        try
        {
            using var reference = Lean(variant, Mode.Copy, o.Seed, device);
            float[] refParams = AfterSteps(reference, fixedBatch.X, 3);
            var arms = new List<(string Name, Action Step, double? Diff)>();
            Setup.Seed(o.Seed);
            var v = Variant.Create(variant, device);
            owned.Add(v);
            var gan = (GanTrainer)v.Trainer;
            arms.Add(("lib GanTrainer.StepNoSync", () => gan.StepNoSync(fixedBatch.X), null));
            foreach (var mode in new[] { Mode.Copy, Mode.SetToNone, Mode.Flat })
            {
                using (var check = Lean(variant, mode, o.Seed, device))
                {
                    double diff = MaxDiff(AfterSteps(check, fixedBatch.X, 3), refParams);
                    var lean = Lean(variant, mode, o.Seed, device);
                    owned.Add(lean);
                    arms.Add((mode switch
                    {
                        Mode.Copy => "copy of the lib step",
                        Mode.SetToNone => "copy + zero_grad(set_to_none)",
                        _ => "copy + flat params/grads + flat Adam",
                    }, () => lean.Step(fixedBatch.X), diff));
                }
            }
            return TimeInterleaved(variant, o, device, arms);
        }
        finally
        {
            foreach (var d in owned) d.Dispose();
            fixedBatch.Free();
        }
    }

    /// <summary>
    /// Times the arms round-robin (chunk of arm 1, chunk of arm 2, ..., repeated), so that a change in the machine's
    /// load during the run hits every arm alike; the median chunk of each arm is reported.
    /// </summary>
    static List<ExperimentRow> TimeInterleaved(string variant, BenchOptions o, Device device,
        List<(string Name, Action Step, double? Diff)> arms)
    {
        foreach (var arm in arms)
            for (int i = 0; i < Math.Max(2, o.Warmup); i++) arm.Step();
        int per = Math.Max(1, o.Steps / o.Repeats);
        var ms = arms.Select(_ => new double[o.Repeats]).ToArray();
        var created = new long[arms.Count];
        for (int r = 0; r < o.Repeats; r++)
            for (int a = 0; a < arms.Count; a++)
            {
                long c0 = Created();
                VariantBench.Sync(device);
                var sw = Stopwatch.StartNew();
                for (int i = 0; i < per; i++) arms[a].Step();
                VariantBench.Sync(device);
                ms[a][r] = sw.Elapsed.TotalMilliseconds / per;
                created[a] += Created() - c0;
            }
        return [.. arms.Select((arm, a) => new ExperimentRow
        {
            Variant = variant, Name = arm.Name, Device = device.type.ToString().ToLowerInvariant(), Batch = o.Batch,
            StepMs = Stats.Median(ms[a]), StepMsMin = ms[a].Min(), StepMsChunks = ms[a],
            TensorsPerStep = created[a] / (double)(per * o.Repeats), MaxParamDiffVsCopy = arm.Diff,
        })];
    }

    static LeanTrainer Lean(string variant, Mode mode, int seed, Device device)
    {
        Setup.Seed(seed);
        nn.Module<Tensor, Tensor> g = variant == "gan" ? new MlpGenerator(new MlpConfig()) : new DcganGenerator(new DcganConfig());
        nn.Module<Tensor, Tensor> d = variant == "gan" ? new MlpDiscriminator(new MlpConfig()) : new DcganDiscriminator(new DcganConfig());
        g.to(device);
        d.to(device);
        return new LeanTrainer(g, d, mode, device);
    }

    static float[] AfterSteps(LeanTrainer t, Tensor x, int steps)
    {
        Setup.Seed(12345);                                   // the same noise for every mode
        for (int i = 0; i < steps; i++) t.Step(x);
        using var scope = torch.NewDisposeScope();
        return torch.cat(t.Parameters.Select(p => p.detach().flatten()).ToArray()).cpu().data<float>().ToArray();
    }

    static double MaxDiff(float[] a, float[] b) => a.Zip(b, (x, y) => (double)Math.Abs(x - y)).Max();

    /// <summary>Tensor handles created on this thread so far (in and outside dispose scopes).</summary>
    public static long Created()
    {
        var s = DisposeScopeManager.Statistics.TensorStatistics;
        return s.CreatedInScopeCount + s.CreatedOutsideScopeCount;
    }
}

/// <summary>One experiment row (JSON "experiments").</summary>
public sealed class ExperimentRow
{
    public required string Variant { get; init; }
    public required string Name { get; init; }
    public required string Device { get; init; }
    public required int Batch { get; init; }
    public required double StepMs { get; init; }
    public required double StepMsMin { get; init; }
    public required double[] StepMsChunks { get; init; }
    /// <summary>Tensor handles created per step: about one per dispatched op.</summary>
    public required double TensorsPerStep { get; init; }
    /// <summary>Largest |Δw| against the plain copy after 3 steps from the same seed (null for the library row).</summary>
    public double? MaxParamDiffVsCopy { get; init; }
}
