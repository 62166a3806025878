namespace GanNotebooks.Runner.Tests.Support;

/// <summary>
/// The runner's command line as a real process. Its own file so that the Export tests link it too (they run the
/// runner as a user would, without referencing it).
/// </summary>
public static partial class RunnerCli
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>Runs <c>dotnet GanNotebooks.Runner.dll args</c>; kills it after <paramref name="timeout"/>.</summary>
    public static Outcome Process(TimeSpan timeout, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = TestPaths.RepoRoot, // not inherited: in-process runs move this process's current directory
        };
        // One libtorch thread: the test assemblies run side by side on small CI machines, where two OpenMP threads
        // per process spin against each other and make a quick notebook 10-20 times slower.
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.ArgumentList.Add(TestPaths.RunnerDll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the runner did not finish within {timeout}: {string.Join(' ', args)}");
        }
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
