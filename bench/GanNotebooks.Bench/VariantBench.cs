using System.Diagnostics;
using GanNotebooks.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>
/// Times one variant: ms per step (no host sync per step, then with one per step), one epoch fed from the
/// resident dataset in both modes, device memory and live tensor counts.
/// </summary>
public static class VariantBench
{
    /// <summary>Runs every measurement of variant <paramref name="name"/> and returns one result row.</summary>
    public static VariantResult Run(string name, BenchOptions o, BenchData data, Device device, double? memoryBaseline)
    {
        Setup.Seed(o.Seed);
        using var v = Variant.Create(name, device);
        var fixedBatch = data.FixedBatch(o.Batch);
        try
        {
            for (int i = 0; i < o.Warmup; i++) v.StepNoSync(fixedBatch);
            v.Trainer.FlushMetrics();
            Sync(device);
            long liveBefore = torch.Tensor.TotalCount;

            long created0 = Experiments.Created();
            double[] noSync = TimeChunks(o, device, () => v.StepNoSync(fixedBatch));
            double tensorsPerStep = (Experiments.Created() - created0) / (double)(Math.Max(1, o.Steps / o.Repeats) * o.Repeats);
            var afterNoSync = v.Trainer.FlushMetrics();
            double[] sync = TimeChunks(o, device, () => v.Step(fixedBatch));
            long liveAfterSteps = torch.Tensor.TotalCount;

            EpochTiming? resident = null, perStep = null;
            if (o.Epoch)
            {
                resident = Epoch(v, o, data, device, syncEveryStep: false);
                perStep = Epoch(v, o, data, device, syncEveryStep: true);
            }
            long liveAfter = torch.Tensor.TotalCount;
            var last = v.Trainer.History.Last ?? afterNoSync;
            var (peak, source) = DeviceMemory.Read(device, memoryBaseline);
            return new VariantResult
            {
                Variant = name, Notebook = v.Notebook, Device = device.type.ToString().ToLowerInvariant(),
                Batch = (int)fixedBatch.X.shape[0], CriticSteps = v.CriticSteps, ParamsG = v.ParamsG, ParamsD = v.ParamsD,
                InitAbsSumG = v.InitAbsSumG, InitAbsSumD = v.InitAbsSumD,
                StepMs = Stats.Median(noSync), StepMsMin = noSync.Min(), StepMsChunks = noSync,
                StepSyncMs = Stats.Median(sync), StepSyncMsMin = sync.Min(), TensorsPerStep = tensorsPerStep,
                EpochImages = resident?.Images, EpochSteps = resident?.Steps,
                EpochResidentS = resident?.Seconds, EpochSyncS = perStep?.Seconds,
                PeakMb = peak, PeakMbSource = source,
                HostPeakRssMb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
                LiveTensorsBefore = liveBefore, LiveTensorsAfterSteps = liveAfterSteps, LiveTensorsAfter = liveAfter,
                LiveTensorsDelta = liveAfter - liveBefore,
                LastLossD = last?.LossD, LastLossG = last?.LossG,
            };
        }
        finally
        {
            fixedBatch.Free();
        }
    }

    /// <summary>ms per call of <paramref name="step"/>: the timed steps cut into chunks, synchronized around each chunk.</summary>
    static double[] TimeChunks(BenchOptions o, Device device, Action step)
    {
        int per = Math.Max(1, o.Steps / o.Repeats);
        var ms = new double[o.Repeats];
        for (int r = 0; r < o.Repeats; r++)
        {
            Sync(device);
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < per; i++) step();
            Sync(device);
            ms[r] = sw.Elapsed.TotalMilliseconds / per;
        }
        return ms;
    }

    readonly record struct EpochTiming(double Seconds, int Steps, int Images);

    /// <summary>
    /// One epoch over the first <see cref="BenchOptions.EpochImages"/> images, resident on the device and batched by
    /// the library's <see cref="Batches"/> (shuffled, last partial batch dropped): either StepNoSync with a metrics
    /// read every <see cref="BenchOptions.FlushEvery"/> steps, or Step (one host sync) every step.
    /// SGAN draws its labelled batch from the first <see cref="BenchData.LabelledCount"/> images, cycling.
    /// </summary>
    static EpochTiming Epoch(Variant v, BenchOptions o, BenchData data, Device device, bool syncEveryStep)
    {
        using var epochData = data.Take(o.EpochImages);
        using var labelled = data.Take(BenchData.LabelledCount);
        var batches = new Batches(epochData, Math.Min(o.Batch, epochData.Count), shuffle: true, dropLast: true);
        var labelledBatches = new Batches(labelled, Math.Min(o.Batch, labelled.Count), shuffle: true, dropLast: true);
        using var labelledStream = Cycle(labelledBatches).GetEnumerator();
        v.Trainer.FlushMetrics();
        Sync(device);
        int steps = 0;
        var sw = Stopwatch.StartNew();
        foreach (var (x, y) in batches.Epoch())
        {
            RealBatch b = new(x, y);
            if (v.IsSgan)
            {
                labelledStream.MoveNext();
                b = b with { XLabelled = labelledStream.Current.X, YLabelled = labelledStream.Current.Y };
            }
            if (syncEveryStep) v.Step(b);
            else
            {
                v.StepNoSync(b);
                if ((steps + 1) % o.FlushEvery == 0) v.Trainer.FlushMetrics();
            }
            steps++;
        }
        v.Trainer.FlushMetrics();
        Sync(device);
        double seconds = sw.Elapsed.TotalSeconds;
        if (v.IsSgan && steps > 0)
        {
            labelledStream.Current.X.Dispose();   // Batches frees a batch when the next is asked for; this one never is
            labelledStream.Current.Y.Dispose();
        }
        return new EpochTiming(seconds, steps, steps * batches.BatchSize);
    }

    /// <summary>Epoch after epoch of <paramref name="batches"/>, forever (the SGAN labelled stream).</summary>
    static IEnumerable<(Tensor X, Tensor Y)> Cycle(Batches batches)
    {
        while (true)
            foreach (var b in batches.Epoch()) yield return b;
    }

    /// <summary>Waits for the device (CUDA); nothing to wait for on the CPU.</summary>
    public static void Sync(Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
    }
}
