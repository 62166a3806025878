namespace GanNotebooks.Bench;

/// <summary>
/// The JSON written by the bench (schema "gan-bench/1"; pytorch_reference.py writes the same fields, snake_case).
/// Times: ms per step, s per epoch. Null means "not measured" (e.g. no epoch asked for), never zero.
/// </summary>
public sealed class BenchReport
{
    public string Schema { get; init; } = "gan-bench/1";
    public string Framework { get; init; } = "torchsharp";
    public required MachineInfo Machine { get; init; }
    public required BenchOptions Options { get; init; }
    public required string DataSource { get; init; }
    public List<VariantResult> Variants { get; init; } = [];
    public List<FidRow> Fid { get; init; } = [];
    public List<MicroRow> Micro { get; init; } = [];
    public List<ExperimentRow> Experiments { get; init; } = [];
    public List<string> Notes { get; init; } = [];
}

/// <summary>Where and with what the numbers were taken.</summary>
public sealed class MachineInfo
{
    public required string Date { get; init; }
    public required string Host { get; init; }
    public required string Os { get; init; }
    public required string Cpu { get; init; }
    public required int CpuCores { get; init; }
    public required double? LoadAverage1m { get; init; }
    public required int TorchThreads { get; init; }
    public required string Device { get; init; }
    public required string? Gpu { get; init; }
    public required string FrameworkVersion { get; init; }
    public required string Runtime { get; init; }
    public required string? GitCommit { get; init; }
}

/// <summary>One variant on one device.</summary>
public sealed class VariantResult
{
    public required string Variant { get; init; }
    public required string Notebook { get; init; }
    public required string Device { get; init; }
    public required int Batch { get; init; }
    public required int CriticSteps { get; init; }
    public required long ParamsG { get; init; }
    public required long ParamsD { get; init; }
    /// <summary>Σ|w| of the freshly initialized networks (same seed on both sides: equal when the models are).</summary>
    public double? InitAbsSumG { get; init; }
    public double? InitAbsSumD { get; init; }
    /// <summary>StepNoSync: the median over chunks of (chunk time / steps), synchronized around each chunk.</summary>
    public required double StepMs { get; init; }
    public required double StepMsMin { get; init; }
    public required double[] StepMsChunks { get; init; }
    /// <summary>Step (host sync every step): same chunking.</summary>
    public required double StepSyncMs { get; init; }
    public required double StepSyncMsMin { get; init; }
    /// <summary>Tensor handles created per StepNoSync (about one per op dispatched from .NET; backward kernels not
    /// included): a proxy for the kernel launches a GPU step pays for. TorchSharp only.</summary>
    public double? TensorsPerStep { get; init; }
    public int? EpochImages { get; init; }
    public int? EpochSteps { get; init; }
    /// <summary>Epoch, dataset resident on the device, StepNoSync + a metrics read every N steps.</summary>
    public double? EpochResidentS { get; init; }
    /// <summary>Epoch, dataset resident on the device, Step (host sync) every step.</summary>
    public double? EpochSyncS { get; init; }
    /// <summary>Epoch fed by a DataLoader from host memory (PyTorch reference only).</summary>
    public double? EpochDataloaderS { get; init; }
    public double? PeakMb { get; init; }
    public required string PeakMbSource { get; init; }
    public double? HostPeakRssMb { get; init; }
    public long? LiveTensorsBefore { get; init; }
    public long? LiveTensorsAfterSteps { get; init; }
    public long? LiveTensorsAfter { get; init; }
    public long? LiveTensorsDelta { get; init; }
    public float? LastLossD { get; init; }
    public float? LastLossG { get; init; }
}

/// <summary>One FID timing: features N x D (float32 random, two sets), computed in float64.</summary>
public sealed class FidRow
{
    public required string Method { get; init; }
    public required string Device { get; init; }
    public required int N { get; init; }
    public required int D { get; init; }
    /// <summary>Median wall time of the whole computation (statistics of both sets + the trace term).</summary>
    public required double Ms { get; init; }
    public required double[] MsRuns { get; init; }
    /// <summary>Of which: mean and covariance of both sets.</summary>
    public double? StatsMs { get; init; }
    public required double Value { get; init; }
    public string? Note { get; init; }
}

/// <summary>A micro-benchmark: µs per call of a small operation (optimizer step, zero_grad, one tiny op).</summary>
public sealed class MicroRow
{
    public required string Name { get; init; }
    public required string Device { get; init; }
    public required double UsPerCall { get; init; }
    public required int Calls { get; init; }
    public string? Note { get; init; }
}

/// <summary>Medians and friends.</summary>
public static class Stats
{
    public static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return double.NaN;
        var s = xs.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
