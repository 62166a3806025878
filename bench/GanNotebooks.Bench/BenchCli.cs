using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace GanNotebooks.Bench;

/// <summary>
/// The bench's command line, on System.CommandLine (with <c>--help</c> on every verb): the timing run (the root
/// command's options, <see cref="BenchOptions"/>), <c>--live-view [steps]</c> (<see cref="LiveViewBench"/>), and the
/// verbs <c>curve</c> and <c>course-add</c>. Exit codes: 0 done, 1 a run failed (its message, no stack trace), 2 the
/// command line is wrong (what is wrong, on stderr).
/// </summary>
public static class BenchCli
{
    /// <summary>Parses <paramref name="args"/> and runs what they ask for: <paramref name="bench"/> with the timing
    /// run's options, or <paramref name="liveView"/> with its step count, or a verb.</summary>
    public static int Run(string[] args, Func<BenchOptions, int> bench, Func<int, int> liveView)
    {
        var parse = Root(bench, liveView).Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            string verb = parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name + " ";
            Console.Error.WriteLine($"({verb}--help lists the options)");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or KeyNotFoundException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");      // what happened and what to do, without a stack trace
            return 1;
        }
    }

    static RootCommand Root(Func<BenchOptions, int> bench, Func<int, int> liveView)
    {
        var d = new BenchOptions();
        var device = new Option<string>("--device")
        {
            Description = "Where to run: cpu or cuda.", HelpName = "cpu|cuda", DefaultValueFactory = _ => d.Device,
            CustomParser = r => Token(r) is { } v && v.ToLowerInvariant() is "cpu" or "cuda" ? v.ToLowerInvariant()
                : Fail<string>(r, $"--device must be cpu or cuda, not '{Token(r)}'."),
        };
        var variants = new Option<string[]>("--variants")
        {
            Description = $"Any of {string.Join(",", Variant.Names)}, or all, or none.", HelpName = "a,b,...|all|none",
            DefaultValueFactory = _ => d.Variants, CustomParser = ParseVariants,
        };
        var batch = Int("--batch", d.Batch, 1, "Batch size.");
        var steps = Int("--steps", d.Steps, 1, "Timed steps per variant.");
        var warmup = Int("--warmup", d.Warmup, 0, "Untimed steps first.");
        var repeats = Int("--repeats", d.Repeats, 1, "The timed steps are cut into N chunks; the median chunk is reported.");
        var epoch = OnOff("--epoch", d.Epoch, "Time one epoch in each mode.");
        var epochImages = Int("--epoch-images", d.EpochImages, 1, "Images in that epoch (60000: a full MNIST-sized epoch).");
        var flushEvery = Int("--flush-every", d.FlushEvery, 1, "Resident epochs read the metrics every N steps.");
        var fid = OnOff("--fid", d.Fid, "Time FID on N x D random features.");
        var fidN = Int("--fid-n", d.FidN, 1, "FID's N.");
        var fidD = Int("--fid-d", d.FidD, 1, "FID's D.");
        var micro = OnOff("--micro", d.Micro, "Optimizer micro-benchmarks.");
        var experiments = OnOff("--experiments", d.Experiments, "Step experiments: zero_grad(set_to_none), flat params + Adam (gan, dcgan).");
        var isolate = new Option<bool>("--isolate") { Description = "One child process per variant (for per-variant device memory on CUDA)." };
        var threads = Int("--threads", d.Threads, 0, "torch intra-op threads (0: torch's choice).");
        var q = BenchOptions.QuickDefaults;
        var quick = new Option<bool>("--quick")
        {
            Description = $"A tiny run that checks everything works (about 2 minutes on 2 CPU cores): --batch {q.Batch} --steps {q.Steps} " +
                $"--warmup {q.Warmup} --repeats {q.Repeats} --epoch-images {q.EpochImages} --flush-every {q.FlushEvery} " +
                $"--fid-n {q.FidN} --fid-d {q.FidD} unless given.",
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Data folder with fashion-mnist/ inside (default: GAN_DATA_DIR, the repo's data/).", HelpName = "DIR" };
        var outFile = new Option<string?>("--out") { Description = "Also write JSON there, and CSV beside it (FILE.csv).", HelpName = "FILE.json" };
        var seed = Int("--seed", d.Seed, 0, "Seed.");
        var liveViewSteps = new Option<int?>("--live-view")
        {
            Description = $"Instead of the timing run: what watching costs (notebook 02's DCGAN with and without the live view; " +
                $"default {LiveViewBench.DefaultSteps} steps). The other options do not apply.",
            HelpName = "steps", Arity = ArgumentArity.ZeroOrOne,
            CustomParser = r => r.Tokens.Count == 0 ? LiveViewBench.DefaultSteps : PositiveOrFail(r, "--live-view"),
        };
        var root = new RootCommand("GanNotebooks.Bench: ms per training step, epoch time, device memory, live tensors and FID " +
            "time for every GAN variant of notebooks 01-06; the verbs train and score the course recipes.")
        {
            device, variants, batch, steps, warmup, repeats, epoch, epochImages, flushEvery, fid, fidN, fidD, micro, experiments,
            isolate, threads, quick, dataDir, outFile, seed, liveViewSteps, Curve.Command(), CourseAdd.Command(),
        };
        root.SetAction(p =>
        {
            if (p.GetResult(liveViewSteps) is not null) return liveView(p.GetValue(liveViewSteps) ?? LiveViewBench.DefaultSteps);
            bool isQuick = p.GetValue(quick);
            var defaults = isQuick ? q : d;
            // An option given wins; one not given takes --quick's default when --quick is on.
            int Sized(Option<int> option, int quickDefault) => p.GetResult(option) is null or { Implicit: true } ? quickDefault : p.GetValue(option);
            var o = new BenchOptions
            {
                Device = p.GetValue(device)!, Variants = p.GetValue(variants)!, Batch = Sized(batch, defaults.Batch),
                Steps = Sized(steps, defaults.Steps), Warmup = Sized(warmup, defaults.Warmup), Repeats = Sized(repeats, defaults.Repeats),
                Epoch = p.GetValue(epoch) == "on", EpochImages = Sized(epochImages, defaults.EpochImages),
                FlushEvery = Sized(flushEvery, defaults.FlushEvery), Fid = p.GetValue(fid) == "on", FidN = Sized(fidN, defaults.FidN),
                FidD = Sized(fidD, defaults.FidD), Micro = p.GetValue(micro) == "on", Experiments = p.GetValue(experiments) == "on",
                Isolate = p.GetValue(isolate), Threads = p.GetValue(threads), Quick = isQuick, Out = p.GetValue(outFile),
                DataDir = p.GetValue(dataDir), Seed = p.GetValue(seed),
            };
            return bench(o.Steps < o.Repeats ? o with { Repeats = o.Steps } : o);
        });
        return root;
    }

    /// <summary>A whole-number option of at least <paramref name="min"/> (0 or 1).</summary>
    static Option<int> Int(string name, int defaultValue, int min, string description) => new(name)
    {
        Description = description, HelpName = "N", DefaultValueFactory = _ => defaultValue,
        CustomParser = r => min > 0 ? PositiveOrFail(r, name)
            : int.TryParse(Token(r), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0 ? n
            : Fail<int>(r, $"{name} needs a whole number >= 0, not '{Token(r)}'."),
    };

    static int PositiveOrFail(ArgumentResult r, string name) =>
        int.TryParse(Token(r), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n
            : Fail<int>(r, $"{name} needs a positive whole number, not '{Token(r)}'.");

    /// <summary>A switch that takes a value: on or off (also true/false, 1/0, yes/no); its value is "on" or "off". A string,
    /// not a bool: System.CommandLine gives a bool option only the tokens true and false.</summary>
    static Option<string> OnOff(string name, bool defaultValue, string description) => new(name)
    {
        Description = description, HelpName = "on|off", DefaultValueFactory = _ => defaultValue ? "on" : "off",
        CustomParser = r => Token(r)?.ToLowerInvariant() switch
        {
            "on" or "true" or "1" or "yes" => "on",
            "off" or "false" or "0" or "no" => "off",
            _ => Fail<string>(r, $"{name} takes on or off, not '{Token(r)}'."),
        },
    };

    static string[] ParseVariants(ArgumentResult r)
    {
        string s = Token(r) ?? "";
        if (s.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        if (s.Equals("all", StringComparison.OrdinalIgnoreCase)) return [.. Variant.Names];
        var names = s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).ToArray();
        foreach (var n in names)
            if (!Variant.Names.Contains(n))
                return Fail<string[]>(r, $"Unknown variant '{n}'. Known: {string.Join(", ", Variant.Names)} (or all, none).") ?? [];
        return names;
    }

    static string? Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : null;

    static T? Fail<T>(ArgumentResult r, string message)
    {
        r.AddError(message);
        return default;
    }
}
