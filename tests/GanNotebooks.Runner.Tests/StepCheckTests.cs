using System.Text.RegularExpressions;
using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// The chapters that write out the step they introduce (01's GAN step, 04's WGAN critic loop with clipping and its
/// gradient-penalty step, 05's conditional step, 06's SGAN step, 09's EMA update) run it next to the library's trainer
/// from the same seed and print how many tensors came out bit-equal (issue 17, item 4). A notebook prints, it does not
/// assert, so these tests read the printed lines of the quick runs, in both engines: on the CPU every check must say
/// N of N (and 04's penalty check True). A trainer change that draws its noise in another order, or a notebook cell
/// that drifts from the library, fails here instead of printing "0 of 18" unnoticed.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(HeavyCollection))]
public sealed partial class StepCheckTests(CourseRuns runs, ITestOutputHelper output)
{
    /// <summary>Each notebook with a written-out step, and how many trainer checks it prints.</summary>
    public static TheoryData<string, int> StepNotebooks => new()
    {
        { "01-basic-gan.ipynb", 1 },
        { "04-wgan.ipynb", 2 },
        { "05-cgan.ipynb", 1 },
        { "06-sgan.ipynb", 1 },
        { "09-ema.ipynb", 1 },
    };

    [Theory]
    [MemberData(nameof(StepNotebooks))]
    public void TheStepWrittenOutIsBitEqualToTheTrainerInTheRunner(string notebook, int checks) =>
        AssertChecksHold(runs.Runner(notebook), checks);

    [Theory]
    [MemberData(nameof(StepNotebooks))]
    public void TheStepWrittenOutIsBitEqualToTheTrainerInTheKernel(string notebook, int checks) =>
        AssertChecksHold(runs.Kernel(notebook), checks);

    [Fact]
    public void TheCheckLinePatternReadsBothOutcomes()
    {
        Assert.True(Holds(CheckLine().Match("18 of 18 parameter tensors bit-equal after 5 trainer steps (largest difference 0)")));
        Assert.True(Holds(CheckLine().Match("52 of 52 tensors bit-equal after 3 steps (largest difference 0)")));
        Assert.False(Holds(CheckLine().Match("5 of 18 parameter tensors bit-equal after 5 trainer steps (largest difference 4.47E-08)")));
        Assert.True(Holds(PenaltyLine().Match("GP by hand 98.382179, library 98.382179, bit-equal: True")));
        Assert.False(Holds(PenaltyLine().Match("GP by hand 98.382179, library 98.382180, bit-equal: False")));
    }

    void AssertChecksHold(CourseRuns.Run run, int checks)
    {
        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.ToString());
        var lines = StdoutLines(run.ExecutedPath).Where(l => l.Contains("bit-equal", StringComparison.Ordinal)).ToList();
        foreach (string line in lines) output.WriteLine(line);

        var trainerChecks = lines.Select(l => CheckLine().Match(l)).Where(m => m.Success).ToList();
        Assert.True(trainerChecks.Count == checks,
            $"expected {checks} line(s) \"N of N ... tensors bit-equal\" in {run.ExecutedPath}, found {trainerChecks.Count}:\n{string.Join("\n", lines)}");
        var failed = lines.Where(Fails).ToList();
        Assert.True(failed.Count == 0, $"the step written out in {Path.GetFileName(run.ExecutedPath)} no longer matches the library's trainer:\n{string.Join("\n", failed)}");
    }

    /// <summary>A trainer check that is not N of N, or a penalty check that is not True.</summary>
    static bool Fails(string line) => CheckLine().Match(line) is { Success: true } check
        ? !Holds(check)
        : PenaltyLine().Match(line) is { Success: true } penalty && !Holds(penalty);

    static bool Holds(Match m) => m.Success && (m.Groups["same"].Success
        ? m.Groups["same"].Value == m.Groups["all"].Value
        : m.Groups["verdict"].Value == "True");

    static IEnumerable<string> StdoutLines(string executedPath) =>
        Notebooks.ReadCells(executedPath)
            .SelectMany(cell => cell!["outputs"]?.AsArray() ?? [])
            .Where(o => (string?)o!["output_type"] == "stream" && (string?)o["name"] == "stdout")
            .SelectMany(o => Notebooks.Text(o!["text"]).Split('\n'));

    [GeneratedRegex(@"(?<same>\d+) of (?<all>\d+) (parameter )?tensors bit-equal")]
    private static partial Regex CheckLine();

    [GeneratedRegex(@"bit-equal: (?<verdict>True|False)")]
    private static partial Regex PenaltyLine();
}
