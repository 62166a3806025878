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
    public static readonly string[] QuickParameters = CourseRuns.QuickParameters;

    public static IEnumerable<TheoryDataRow<string>> CourseNotebooks()
    {
        var notebooks = CourseRuns.Notebooks();
        if (notebooks.Count == 0)
        {
            yield return new TheoryDataRow<string>("(none)")
            {
                Skip = "no notebooks in notebooks/ yet; once there are, each runs here with --param quick=true --param dataset=fashion-mnist",
            };
            yield break;
        }
        foreach (string notebook in notebooks) yield return new TheoryDataRow<string>(notebook);
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void RunsWithQuickParameters(string notebook)
    {
        var outcome = runs.Runner(notebook).Outcome;

        output.WriteLine(outcome.Stdout);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
    }

    [Fact]
    public void CourseNotebooksAreClean()
    {
        string folder = Path.Combine(TestPaths.RepoRoot, "notebooks");
        if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.ipynb").Length == 0)
            Assert.Skip("no notebooks in notebooks/ yet");

        var cli = RunnerCli.InProcess("check", folder);

        Assert.True(cli.ExitCode == 0, cli.ToString());
    }
}
