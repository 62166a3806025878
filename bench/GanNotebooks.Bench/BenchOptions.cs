using System.Globalization;

namespace GanNotebooks.Bench;

/// <summary>
/// Command-line options. The same names (and defaults) as bench/pytorch_reference.py, so that one set of flags
/// drives both sides of a comparison.
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

    public const string Usage = """
        GanNotebooks.Bench: ms per training step, epoch time, device memory, live tensors and FID time
        for every GAN variant of notebooks 01-06.

          --device cpu|cuda        where to run (default cpu)
          --variants a,b,...       any of gan,dcgan,lsgan,wgan,wgan-gp,cgan,cdcgan,sgan, or none (default all)
          --batch N                batch size (default 128)
          --steps N                timed steps per variant (default 60)
          --warmup N               untimed steps first (default 10)
          --repeats N              the timed steps are cut into N chunks; the median chunk is reported (default 3)
          --epoch on|off           time one epoch in each mode (default on)
          --epoch-images N         images in that epoch (default 60000: a full MNIST-sized epoch)
          --flush-every N          resident epochs read metrics every N steps (default 100)
          --fid on|off             time FID on N x D random features (default on)
          --fid-n N --fid-d D      FID sizes (default 10000 x 2048)
          --micro on|off           optimizer micro-benchmarks (default on)
          --experiments on|off     step experiments: zero_grad(set_to_none), flat params + Adam (gan, dcgan; default on)
          --isolate                one child process per variant (for per-variant device memory on CUDA)
          --threads N              torch intra-op threads (default: torch's choice)
          --quick                  a tiny run that checks everything works (about 2 minutes on 2 CPU cores)
          --data-dir DIR           data folder with fashion-mnist/ inside (default: GAN_DATA_DIR, the repo's data/)
          --out FILE.json          also write JSON there, and CSV beside it (FILE.csv)
          --seed N                 seed (default 0)
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        if (args.Contains("--quick"))
            o = o with { Quick = true, Batch = 16, Steps = 2, Warmup = 1, Repeats = 2, EpochImages = 128, FlushEvery = 4, FidN = 2000, FidD = 256 };
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value.");
            o = a switch
            {
                "--quick" => o,
                "--isolate" => o with { Isolate = true },
                "--device" => o with { Device = Next().ToLowerInvariant() },
                "--variants" => o with { Variants = ParseVariants(Next()) },
                "--batch" => o with { Batch = Positive(a, Next()) },
                "--steps" => o with { Steps = Positive(a, Next()) },
                "--warmup" => o with { Warmup = NonNegative(a, Next()) },
                "--repeats" => o with { Repeats = Positive(a, Next()) },
                "--epoch" => o with { Epoch = OnOff(a, Next()) },
                "--epoch-images" => o with { EpochImages = Positive(a, Next()) },
                "--flush-every" => o with { FlushEvery = Positive(a, Next()) },
                "--fid" => o with { Fid = OnOff(a, Next()) },
                "--fid-n" => o with { FidN = Positive(a, Next()) },
                "--fid-d" => o with { FidD = Positive(a, Next()) },
                "--micro" => o with { Micro = OnOff(a, Next()) },
                "--experiments" => o with { Experiments = OnOff(a, Next()) },
                "--threads" => o with { Threads = NonNegative(a, Next()) },
                "--data-dir" => o with { DataDir = Next() },
                "--out" => o with { Out = Next() },
                "--seed" => o with { Seed = NonNegative(a, Next()) },
                _ => throw new ArgumentException($"Unknown option '{a}'.\n\n{Usage}"),
            };
        }
        if (o.Device is not ("cpu" or "cuda")) throw new ArgumentException($"--device must be cpu or cuda, not '{o.Device}'.");
        if (o.Steps < o.Repeats) o = o with { Repeats = o.Steps };
        return o;
    }

    static string[] ParseVariants(string s)
    {
        if (s.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        if (s.Equals("all", StringComparison.OrdinalIgnoreCase)) return [.. Variant.Names];
        var names = s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).ToArray();
        foreach (var n in names)
            if (!Variant.Names.Contains(n))
                throw new ArgumentException($"Unknown variant '{n}'. Known: {string.Join(", ", Variant.Names)} (or all, none).");
        return names;
    }

    static int Positive(string name, string v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n
            : throw new ArgumentException($"{name} needs a positive whole number, not '{v}'.");

    static int NonNegative(string name, string v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0 ? n
            : throw new ArgumentException($"{name} needs a whole number >= 0, not '{v}'.");

    static bool OnOff(string name, string v) => v.ToLowerInvariant() switch
    {
        "on" or "true" or "1" or "yes" => true,
        "off" or "false" or "0" or "no" => false,
        _ => throw new ArgumentException($"{name} takes on or off, not '{v}'."),
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
