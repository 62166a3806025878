using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.Runner.Tests.Support;
using GanNotebooks.Training;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// The course's three budgets and what the notebooks say they cost: every notebook takes one <c>budget</c> parameter
/// (quick, class, full); a training notebook's header states the class run's wall time and the full recipe's training
/// time, and both must agree (within 25 %) with what was measured: the site build's table (docs/wall-times.md) and the
/// course checkpoints' manifest (data/course/manifest.json). Every course checkpoint is loaded by a notebook and its
/// file matches the manifest; all of data/course stays within 25 MB.
/// </summary>
public sealed class CourseBudgetTests
{
    const double Tolerance = 0.25;
    static readonly string Root = TestPaths.RepoRoot;

    public static IEnumerable<TheoryDataRow<string>> Notebooks() =>
        CourseRuns.Notebooks().Select(n => new TheoryDataRow<string>(n));

    static JsonArray Cells(string notebook) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "notebooks", notebook)))!["cells"]!.AsArray();

    static string Source(JsonNode cell) => cell["source"] is JsonArray a
        ? string.Concat(a.Select(l => l!.GetValue<string>())) : cell["source"]!.GetValue<string>();

    static bool IsTraining(string notebook) =>
        Cells(notebook).Any(c => c!["metadata"]?["tags"] is JsonArray tags && tags.Any(t => t!.GetValue<string>() == "training"));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryNotebookTakesOneBudgetParameterAndNamesAllThree(string notebook)
    {
        var cells = Cells(notebook);
        int p = cells.ToList().FindIndex(c => c!["metadata"]?["tags"] is JsonArray t && t.Any(x => x!.GetValue<string>() == "parameters"));
        Assert.True(p >= 0, $"{notebook} has no parameters cell");
        string parameters = Source(cells[p]!);
        Assert.Matches(@"(?m)^string budget = ""class"";", parameters);
        Assert.DoesNotMatch(@"(?m)^bool quick\b", parameters);
        string next = Source(cells[p + 1]!);
        foreach (string budget in new[] { "quick", "class", "full" })
            Assert.Contains($"\"{budget}\"", next);
    }

    /// <summary>"2 min 40 s", "58 s", "12.5 s", "1 h 05 min" (what Duration.Format writes) in seconds.</summary>
    internal static double Seconds(string text)
    {
        var m = Regex.Match(text.Trim(), @"^(?:(?<h>\d+) h ?)?(?:(?<m>\d+) min ?)?(?:(?<s>\d+(?:\.\d+)?) s)?$");
        Assert.True(m.Success && text.Trim().Length > 0, $"'{text}' is not a duration like '2 min 40 s'");
        double Part(string g, double unit) => m.Groups[g].Success ? double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) * unit : 0;
        return Part("h", 3600) + Part("m", 60) + Part("s", 1);
    }

    [Theory]
    [InlineData("2 min 40 s", 160)]
    [InlineData("58 s", 58)]
    [InlineData("12.5 s", 12.5)]
    [InlineData("1 h 05 min", 3900)]
    public void DurationsAreReadAsDurationFormatWritesThem(string text, double seconds) => Assert.Equal(seconds, Seconds(text));

    static Dictionary<string, double> WallTimes()
    {
        var rows = new Dictionary<string, double>();
        foreach (string line in File.ReadLines(Path.Combine(Root, "docs", "wall-times.md")))
        {
            var m = Regex.Match(line, @"^\| \[(?<name>[^\]]+)\]\([^)]*\) \| [^|]* \| (?<time>[^|]+) \| (?<params>[^|]*)\|");
            if (m.Success) rows[m.Groups["name"].Value] = Seconds(m.Groups["time"].Value);
        }
        return rows;
    }

    /// <summary>The kept results tables: every data/course/*.json but the manifest (notebook 10's full budget).</summary>
    static List<CourseResult> ResultsTables() => Directory.GetFiles(Path.Combine(Root, "data", "course"), "*.json")
        .Where(f => Path.GetFileName(f) != CourseCheckpoints.ManifestFile).Order()
        .Select(f => CourseResults.Load(Path.GetFileNameWithoutExtension(f), Path.GetDirectoryName(f))).ToList();

    static List<CourseCheckpoint> Manifest() =>
        JsonSerializer.Deserialize<List<CourseCheckpoint>>(File.ReadAllText(Path.Combine(Root, "data", "course", "manifest.json")))!;

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void TheHeadersTimesAreTheMeasuredOnes(string notebook)
    {
        if (!IsTraining(notebook)) return;                     // 07 and 08 train nothing: no budget times to state
        string name = Path.GetFileNameWithoutExtension(notebook);
        string header = Source(Cells(notebook)[0]!);
        var classTime = Regex.Match(header, @"`class`[^\n]*?about (?<t>[0-9][^()]*?) for the whole notebook");
        Assert.True(classTime.Success, $"{notebook}'s header does not say 'about … for the whole notebook' for `class`");
        Assert.True(WallTimes().TryGetValue(name, out double measured), $"docs/wall-times.md has no row for {name}");
        double stated = Seconds(classTime.Groups["t"].Value);
        Assert.True(Math.Abs(stated - measured) <= Tolerance * measured,
            $"{notebook} says the class run takes about {classTime.Groups["t"].Value} ({stated} s); docs/wall-times.md measured {measured} s");

        string chapter = name.Split('-')[0];                  // "04b" is not "04"
        var entries = Manifest().Where(e => e.Chapter == chapter).Select(e => (e.Name, e.TrainSeconds))
            .Concat(ResultsTables().Where(t => t.Chapter == chapter).Select(t => (t.Name, t.TrainSeconds))).ToList();
        if (entries.Count == 0) return;                        // no course checkpoint or table of its own: no full run measured
        var fullTime = Regex.Match(header, @"`full`[^\n]*?about (?<t>[0-9][^()]*?) of training");
        Assert.True(fullTime.Success, $"{notebook}'s header does not say 'about … of training' for `full`");
        double trained = entries.Sum(e => e.TrainSeconds);
        double said = Seconds(fullTime.Groups["t"].Value);
        Assert.True(Math.Abs(said - trained) <= Tolerance * trained,
            $"{notebook} says the full recipe trains for about {fullTime.Groups["t"].Value} ({said} s); the course build's " +
            $"{string.Join(" + ", entries.Select(e => e.Name))} trained for {trained:F0} s");
    }

    /// <summary>
    /// The <c>full</c> budget is the recipe the course checkpoint was trained with: its epochs, its batch (the checkpoint's
    /// steps per epoch are the 60,000 training images over the batch, the last partial batch dropped), its width (the
    /// generator config stored in the checkpoint) and its EMA copy (the β stored in the checkpoint, or none).
    /// </summary>
    [Fact]
    public void EveryCourseCheckpointWasTrainedWithItsNotebooksFullBudget()
    {
        foreach (var e in Manifest())
        {
            string notebook = CourseRuns.Notebooks().Single(n => n.StartsWith(e.Chapter + "-", StringComparison.Ordinal));
            string setup = string.Concat(Cells(notebook).Select(c => Source(c!)));
            var full = Regex.Match(setup, @"""full"" => \((?<body>[^\n]*)\)");
            Assert.True(full.Success, $"{notebook} has no \"full\" budget");
            string body = full.Groups["body"].Value;
            string Field(string name)
            {
                var m = Regex.Match(body, $@"(?<![A-Za-z]){name}: (?:\(double\?\))?(?<v>[0-9.]+|null)");
                Assert.True(m.Success, $"{notebook}'s full budget names no {name}");
                return m.Groups["v"].Value;
            }
            string? Named(string name) => Regex.IsMatch(body, $@"(?<![A-Za-z]){name}:") ? Field(name) : null;   // an optional field
            // Two checkpoints of one notebook can differ: a field prefixed with the checkpoint's last name part is its own
            // (05-cgan-mlp: MlpEpochs, MlpEma; 04-wgan-clip: ClipEpochs) and overrides the shared one.
            string last = e.Name[(e.Name.LastIndexOf('-') + 1)..];
            string prefix = char.ToUpperInvariant(last[0]) + last[1..];
            string Own(string field) => Named(prefix + field) is null ? field : prefix + field;
            var info = Checkpoint.ReadInfo(Path.Combine(Root, "data", "course", e.Name + ".zip"));
            string Said(string what, string notebookSays, string checkpointHas) =>
                $"{notebook}'s full budget has {what} {notebookSays}; the course checkpoint {e.Name} was trained with {checkpointHas}";

            string epochs = Field(Own("Epochs"));
            Assert.True(int.Parse(epochs, CultureInfo.InvariantCulture) == e.Epochs, Said("epochs", epochs, $"{e.Epochs}"));

            int batch = int.Parse(Field("Batch"), CultureInfo.InvariantCulture);
            Assert.True(60_000 / batch * e.Epochs == e.Steps, Said("batch", $"{batch} ({60_000 / batch} steps an epoch)", $"{e.Steps / e.Epochs} steps an epoch"));

            var generator = JsonNode.Parse(info.GeneratorConfigJson!)!;
            string width = generator["Hidden"] is null ? "Features" : "Hidden";      // MLPs have a hidden width, DCGANs a base width
            string said = Field(width);
            Assert.True(said == generator[width]!.ToString(), Said(width, said, $"{width} = {generator[width]}"));

            string ema = Named(Own("Ema")) ?? "null";                                   // no field: no EMA copy
            string stored = info.HasEma ? info.TrainerConfig.EmaDecay!.Value.ToString(CultureInfo.InvariantCulture) : "null";
            Assert.True(ema == stored, Said("an EMA copy at β", ema, info.HasEma ? $"β {stored}" : "no EMA copy"));

            // A recipe that changes its paper's settings names them (04: NCritic, Lr, Clip); the checkpoint must have them.
            var config = info.TrainerConfig;
            if (Named("NCritic") is string nCritic)
                Assert.True(int.Parse(nCritic, CultureInfo.InvariantCulture) == config.CriticSteps,
                    Said("n_critic", nCritic, $"{config.CriticSteps} critic updates per generator update"));
            if (Named("Lr") is string lrText && double.Parse(lrText, CultureInfo.InvariantCulture) is var lr)
                Assert.True(lr == config.LearningRateG && lr == config.LearningRateD,
                    Said("the learning rate", $"{lr}", $"G {config.LearningRateG}, D {config.LearningRateD}"));
            if (Named("Clip") is string clipText && config.Objective == GanObjective.Wasserstein)   // c matters to clipping only
                Assert.True(double.Parse(clipText, CultureInfo.InvariantCulture) == config.ClipValue,
                    Said("weight clipping at c =", clipText, $"c = {config.ClipValue}"));
        }
    }

    [Fact]
    public void EveryCourseCheckpointIsLoadedByANotebookMatchesItsManifestAndTheFolderIsSmall()
    {
        string folder = Path.Combine(Root, "data", "course");
        var manifest = Manifest();
        Assert.NotEmpty(manifest);
        string all = string.Concat(CourseRuns.Notebooks().Select(n => File.ReadAllText(Path.Combine(Root, "notebooks", n))));
        foreach (var e in manifest)
        {
            Assert.Contains($"CourseCheckpoints.Load(\\\"{e.Name}\\\"", all);
            Assert.Equal(e.Sha256, CourseCheckpoints.Sha256Of(Path.Combine(folder, e.Name + ".zip")));
            Assert.Equal(10_000, e.Samples);
        }
        var tables = ResultsTables();
        foreach (var t in tables)
            Assert.Contains($"CourseResults.Load(\\\"{t.Name}\\\")", all);
        long bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes <= 25L * 1024 * 1024, $"data/course holds {bytes:N0} bytes; the course keeps it within 25 MB");
        Assert.Equal(manifest.Select(e => e.Name + ".zip").Concat(tables.Select(t => t.Name + ".json"))
            .Append(CourseCheckpoints.ManifestFile).Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());   // no stray file
    }

    /// <summary>
    /// Notebook 10's kept table is its <c>full</c> budget's run: every variant of the notebook with every seed (seed,
    /// seed + 1, … as many as <c>Seeds</c>), each trained for <c>FullSteps</c> generator steps and scored on
    /// <c>FidSamples</c> images of Fashion-MNIST.
    /// </summary>
    [Fact]
    public void TheCapstonesKeptTableIsItsFullBudgetsRun()
    {
        var table = CourseResults.Load("10-capstone", Path.Combine(Root, "data", "course"));
        string code = string.Concat(Cells("10-capstone.ipynb").Select(c => Source(c!)));
        int Int(string pattern)
        {
            var m = Regex.Match(code, pattern);
            Assert.True(m.Success, $"notebook 10 does not match {pattern}");
            return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        int steps = Int(@"const int FullSteps = (\d+);");
        string full = Regex.Match(code, @"""full"" => \((?<body>[^\n]*)\)").Groups["body"].Value;
        int seeds = Int(@"""full"" => \([^\n]*Seeds: (\d+)");
        int samples = Int(@"""full"" => \([^\n]*FidSamples: (\d+)");
        int seed = Int(@"(?m)^int seed = (\d+);");
        Assert.Contains("Steps: FullSteps", full);
        string[] variants = Regex.Matches(code, @"\(""(?<name>[^""]+)"", ""\d\d"", \(\) =>").Select(m => m.Groups["name"].Value).ToArray();
        Assert.Equal(8, variants.Length);
        var expected = Enumerable.Range(seed, seeds).SelectMany(s => variants.Select(v => (v, s))).ToList();
        Assert.Equal(expected, table.Runs.Select(r => (r.Variant, r.Seed)).ToList());          // every run, in the notebook's order
        Assert.All(table.Runs, r => Assert.True(r.Steps == steps,
            $"the kept table's {r.Variant}, seed {r.Seed}, trained {r.Steps} steps; notebook 10's full budget is {steps}"));
        Assert.Equal(samples, table.Samples);
        Assert.Equal("fashion-mnist", table.Dataset);
    }
}
