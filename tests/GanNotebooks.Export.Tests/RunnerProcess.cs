using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Export.Tests;

/// <summary>
/// The runner's CLI as a process, for tests that execute notebooks and export them: the Runner tests' own
/// <see cref="RunnerCli.Process"/> and <see cref="TestPaths"/> (linked into this project), failing the test when the
/// runner does not succeed.
/// </summary>
internal static class RunnerProcess
{
    /// <summary>The folder holding GanNotebooks.sln.</summary>
    public static string RepoRoot => TestPaths.RepoRoot;

    public static string Notebook(string name) => Path.Combine(RepoRoot, "notebooks", name);

    /// <summary>Runs <c>GanNotebooks.Runner args</c>; returns its output, failing the test when it exits non-zero.</summary>
    public static string Run(TimeSpan timeout, params string[] args)
    {
        var run = RunnerCli.Process(timeout, args);
        string output = run.Stdout + run.Stderr;
        Assert.True(run.ExitCode == 0, $"runner {string.Join(' ', args)} exited {run.ExitCode}:\n{output}");
        return output;
    }
}
