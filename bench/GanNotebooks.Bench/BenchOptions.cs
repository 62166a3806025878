using System.Globalization;

namespace GanNotebooks.Bench;

/// <summary>
/// The timing run's options (parsed by <see cref="BenchCli"/>). The same names (and defaults) as
/// bench/pytorch_reference.py, so that one set of flags drives both sides of a comparison.
/// </summary>
public sealed record BenchOptions
{
    public string Device { get; init; } = "cpu";
    public string[] Variants { get; init; } = [.. Variant.Names];
    public int Batch { get; init; } = 128;
    /// <summary>Timed steps per variant (split into <see cref="Repeats"/> chunks; the median chunk is reported).</summary>
    public int Steps { get; init; } = 60;
    public int Warmup { get; init; } = 10;
    public int Repeats { get; init; } = 3;
    public bool Epoch { get; init; } = true;
    /// <summary>Images in the timed epoch (60,000 = a full MNIST-sized epoch).</summary>
    public int EpochImages { get; init; } = 60_000;
    /// <summary>StepNoSync epochs read the metrics (one host sync) every this many steps.</summary>
    public int FlushEvery { get; init; } = 100;
    public bool Fid { get; init; } = true;
    public int FidN { get; init; } = 10_000;
    public int FidD { get; init; } = 2048;
    /// <summary>Optimizer micro-benchmarks (Adam/RMSprop step, zero_grad, per-op overhead).</summary>
    public bool Micro { get; init; } = true;
    /// <summary>Step experiments (set_to_none, flat Adam) for the gan and dcgan variants among those run.</summary>
    public bool Experiments { get; init; } = true;
    /// <summary>One child process per variant, so that device memory read from nvidia-smi is that variant's.</summary>
    public bool Isolate { get; init; }
    /// <summary>torch intra-op threads; 0 leaves torch's default.</summary>
    public int Threads { get; init; }
    public bool Quick { get; init; }
    public string? Out { get; init; }
    public string? DataDir { get; init; }
    public int Seed { get; init; }

    /// <summary>The defaults of <c>--quick</c>: a tiny run that checks everything works (about 2 minutes on 2 CPU cores);
    /// options given explicitly still win.</summary>
    public static BenchOptions QuickDefaults { get; } = new()
    {
        Quick = true, Batch = 16, Steps = 2, Warmup = 1, Repeats = 2, EpochImages = 128, FlushEvery = 4, FidN = 2000, FidD = 256,
    };

    /// <summary>The arguments a child process gets in <see cref="Isolate"/> mode: these options for one variant.</summary>
    public string[] ChildArgs(string variant, string outFile) =>
    [
        "--device", Device, "--variants", variant, "--batch", Str(Batch), "--steps", Str(Steps), "--warmup", Str(Warmup),
        "--repeats", Str(Repeats), "--epoch", Epoch ? "on" : "off", "--epoch-images", Str(EpochImages),
        "--flush-every", Str(FlushEvery), "--fid", "off", "--micro", "off", "--experiments", "off", "--threads", Str(Threads),
        "--seed", Str(Seed), "--out", outFile, .. DataDir is null ? Array.Empty<string>() : ["--data-dir", DataDir],
    ];

    static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);
}
