using GanNotebooks.Runner.Tests.Support;
using static GanNotebooks.Runner.Tests.Support.Notebooks;

namespace GanNotebooks.Runner.Tests;

/// <summary>The runner as a real process: its exit code is what CI and scripts see.</summary>
public sealed class ProcessTests : IDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact, Trait("Category", "Slow")] // a notebook in a second runner process: 3-13 s on 2 busy cores
    public void ExitCodeIsZeroWhenEveryCellSucceeds()
    {
        string nb = Write(dir.File("ok.ipynb"), Code("int epochs = 1;", "parameters"), Code("Console.WriteLine(epochs * 2);"));

        var outcome = RunnerCli.Process(Timeout, "run", nb, "--out", dir.File("out"), "--param", "epochs=21");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("42\n", Text(Assert.Single(Outputs(ReadCells(dir.File("out/ok.ipynb")), 3))["text"]));
    }

    [Fact, Trait("Category", "Slow")] // a notebook in a second runner process: 3-13 s on 2 busy cores
    public void ExitCodeIsNonZeroWhenACellFails()
    {
        var outcome = RunnerCli.Process(Timeout, "run", TestPaths.Fixture("failing.ipynb"), "--out", dir.Path);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("cell 4, line 3", outcome.Stdout);
    }

    [Fact]
    public void ExitCodeIsTwoForABadCommandLine()
    {
        var outcome = RunnerCli.Process(Timeout, "run", "--frobnicate");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("unknown option '--frobnicate'", outcome.Stderr);
        Assert.Contains("usage:", outcome.Stderr);
    }
}
