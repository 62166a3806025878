using System.Text.RegularExpressions;
using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// Cells a teacher runs again. <see cref="CourseRuns"/> runs every training cell (tagged "training") twice in a row, in
/// the real .NET Interactive kernel and in the runner; run again after it finished, a training cell trains nothing and
/// says so (after a stop it continues: <see cref="StopTests"/>), and notebook 01's bit-equality check still holds after
/// its hand-written steps ran twice.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(HeavyCollection))]
public sealed class RerunTests(CourseRuns runs)
{
    public static IEnumerable<TheoryDataRow<string>> TrainingNotebooks() =>
        CourseRuns.Notebooks().Where(n => Notebooks.ReadCells(Path.Combine(TestPaths.RepoRoot, "notebooks", n)).Any(c => CourseRuns.IsTraining(c!)))
            .Select(n => new TheoryDataRow<string>(n));

    [Theory]
    [MemberData(nameof(TrainingNotebooks))]
    public void ATrainingCellRunTwiceInTheRealKernelSaysItHasFinished(string notebook)
    {
        var kernel = runs.Kernel(notebook);
        Assert.True(kernel.Outcome.ExitCode == 0, kernel.Outcome.ToString());
        var cells = Notebooks.ReadCells(kernel.ExecutedPath);
        var training = cells.Select((c, i) => (Cell: c!, Index: i)).Where(c => CourseRuns.IsTraining(c.Cell)).ToList();
        Assert.True(training.Count >= 2 && training.Count % 2 == 0, $"{training.Count} training cells");
        for (int k = 1; k < training.Count; k += 2)
        {
            var (again, index) = training[k];
            Assert.Equal(training[k - 1].Index + 1, index);                       // right after the first run
            string shown = Notebooks.ShownText(again);
            if (Notebooks.Text(again["source"]).Contains("StepByHand", StringComparison.Ordinal)) continue;   // 01: below
            if (Notebooks.Text(again["source"]).Contains("runs.Skip(perSeed.Count)", StringComparison.Ordinal))
                Assert.Matches(@"all \d+ variants × \d+ seeds, training and scoring", shown);   // 10: nothing left to train
            else
                Assert.Contains("already trained: all ", shown);
        }
    }

    [Fact]
    public void Notebook01sBitEqualityCheckHoldsAfterItsHandWrittenStepsRanTwice()
    {
        var cells = Notebooks.ReadCells(runs.Kernel("01-basic-gan.ipynb").ExecutedPath);
        string check = Notebooks.ShownText(cells.Single(c => Notebooks.Text(c!["source"]).Contains("handTrainer.Step(x)", StringComparison.Ordinal))!);
        var line = Regex.Match(check, @"(\d+) of (\d+) parameter tensors bit-equal after (\d+) steps");
        Assert.True(line.Success, check);
        Assert.Equal(line.Groups[2].Value, line.Groups[1].Value);
        Assert.Equal("9", line.Groups[3].Value);                                  // 1 + 4 + 4 hand-written steps
    }
}
