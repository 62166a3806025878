using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// Tests that run alone: notebook runs that train models (sharing one <see cref="CourseRuns"/>), and tests that swap
/// process-wide state (Console.Out).
/// </summary>
[CollectionDefinition(nameof(HeavyCollection), DisableParallelization = true)]
public sealed class HeavyCollection : ICollectionFixture<CourseRuns>;

/// <summary>Every course notebook runs, quickly, in a fresh runner process: what CI proves about the notebooks.</summary>
[Collection(nameof(HeavyCollection))]
public sealed class NotebookTests(CourseRuns runs, ITestOutputHelper output)
{
    public static IEnumerable<TheoryDataRow<string>> CourseNotebooks()
    {
        var notebooks = CourseRuns.Notebooks();
        // An empty notebooks/ fails (the row "(none)" finds no file), never skips: the course is the product.
        if (notebooks.Count == 0) yield return new TheoryDataRow<string>("(none)");
        foreach (string notebook in notebooks) yield return new TheoryDataRow<string>(notebook);
    }

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void RunsWithQuickParameters(string notebook)
    {
        string path = Path.Combine(TestPaths.RepoRoot, "notebooks", notebook);
        Assert.True(File.Exists(path), $"{path} does not exist: notebooks/ holds no course notebook.");

        var outcome = runs.Runner(notebook).Outcome;

        output.WriteLine(outcome.Stdout);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
    }

    [Fact]
    public void CourseNotebooksAreClean()
    {
        string folder = Path.Combine(TestPaths.RepoRoot, "notebooks");
        if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.ipynb").Length == 0)
            Assert.Fail($"{folder} holds no course notebook (*.ipynb).");

        var cli = RunnerCli.InProcess("check", folder);

        Assert.True(cli.ExitCode == 0, cli.ToString());
    }
}
