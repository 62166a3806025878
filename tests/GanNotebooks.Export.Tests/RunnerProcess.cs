using System.Diagnostics;

namespace GanNotebooks.Export.Tests;

/// <summary>The runner's CLI as a process (its build next to this one), for tests that execute notebooks and export them.</summary>
internal static class RunnerProcess
{
    /// <summary>The folder holding GanNotebooks.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Notebook(string name) => Path.Combine(RepoRoot, "notebooks", name);

    /// <summary>Runs <c>GanNotebooks.Runner args</c>; returns its output, failing the test when it exits non-zero.</summary>
    public static string Run(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RunnerDll());
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["OMP_NUM_THREADS"] = "1";      // small models: one libtorch thread is faster on a shared 2-core machine
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"runner {string.Join(' ', args)} did not finish in {timeout}.");
        }
        string output = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"runner {string.Join(' ', args)} exited {process.ExitCode}:\n{output}");
        return output;
    }

    static string RunnerDll()
    {
        // .../tests/GanNotebooks.Export.Tests/bin/<Configuration>/<framework>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string dll = Path.Combine(RepoRoot, "tools", "GanNotebooks.Runner", "bin", output.Parent!.Name, output.Name, "GanNotebooks.Runner.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The runner is not built at {dll}; build the solution first.", dll);
    }

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GanNotebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException($"GanNotebooks.sln not found above {AppContext.BaseDirectory}.");
    }
}
