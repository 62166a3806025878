using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// Every course notebook runs in the real .NET Interactive kernel (the engine of VS Code Polyglot Notebooks) through
/// Jupyter's nbclient, with the quick parameters, and shows the same kinds of output, cell by cell, as in our runner:
/// the differential test that keeps the runner's imitation of the kernel honest. Needs tools/kernel-setup.sh (CI runs
/// it through tools/setup.sh).
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(HeavyCollection))]
public sealed class RealKernelTests(CourseRuns runs, ITestOutputHelper output)
{
    public static IEnumerable<TheoryDataRow<string>> CourseNotebooks() => NotebookTests.CourseNotebooks();

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void RunsInTheRealKernelWithoutAnError(string notebook)
    {
        var kernel = runs.Kernel(notebook);
        output.WriteLine(kernel.Outcome.ToString());

        Assert.True(kernel.Outcome.ExitCode == 0, kernel.Outcome.ToString());
        Assert.Empty(OutputSignature.Problems(kernel.ExecutedPath));
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void TheKernelAndTheRunnerShowTheSameOutputsCellByCell(string notebook)
    {
        var runner = runs.Runner(notebook);
        var kernel = runs.Kernel(notebook);
        Assert.True(runner.Outcome.ExitCode == 0, runner.Outcome.ToString());
        Assert.True(kernel.Outcome.ExitCode == 0, kernel.Outcome.ToString());

        var fromRunner = OutputSignature.Of(runner.ExecutedPath);
        var fromKernel = OutputSignature.Of(kernel.ExecutedPath);

        Assert.Equal(fromRunner.Select(c => c.Index), fromKernel.Select(c => c.Index));
        var differences = fromRunner.Zip(fromKernel)
            .Where(p => !p.First.Outputs.SequenceEqual(p.Second.Outputs))
            .Select(p => $"runner {p.First}\nkernel {p.Second}")
            .ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        // The comparison compares something: charts, image grids and progress are in every training notebook.
        Assert.Contains(fromKernel, c => c.Outputs.Count > 0);
    }
}
