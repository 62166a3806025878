using System.Diagnostics;
using System.Text;

namespace GanNotebooks.Runner.Tests.Support;

public static partial class RunnerCli
{
    /// <summary>
    /// Runs the runner as <see cref="Process"/> does, and presses Ctrl+C (sends SIGINT, with kill(1)) <paramref name="delay"/>
    /// after its standard output first contains <paramref name="trigger"/>.
    /// </summary>
    public static Outcome ProcessInterrupted(TimeSpan timeout, string trigger, TimeSpan delay, params string[] args)
    {
        // Through env --default-signal=INT: a test host started in the background by a non-interactive shell (nohup …
        // &, some CI runners) ignores SIGINT, every child inherits that, and .NET then never sees the Ctrl+C.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(TestPaths.RunnerDll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = new StringBuilder();
        var clock = Stopwatch.StartNew();
        bool sent = false;
        TimeSpan? seenAt = null;
        var buffer = new char[256];
        var reader = process.StandardOutput;
        void InterruptWhenDue()
        {
            if (!sent && seenAt is { } t && clock.Elapsed - t >= delay) sent = Interrupt(process.Id);
        }
        TimeoutException GiveUp(string what)                       // the runner is killed, the test says why
        {
            process.Kill(entireProcessTree: true);
            return new TimeoutException($"the runner {what} within {timeout} (Ctrl+C sent: {sent}): {string.Join(' ', args)}\n{stdout}");
        }
        while (clock.Elapsed < timeout)
        {
            var read = reader.ReadAsync(buffer, 0, buffer.Length);
            while (!read.Wait(TimeSpan.FromMilliseconds(200)))
            {
                InterruptWhenDue();
                if (clock.Elapsed >= timeout) throw GiveUp("wrote nothing more");   // silent past the limit
            }
            if (read.Result == 0) break;
            stdout.Append(buffer, 0, read.Result);
            if (seenAt is null && stdout.ToString().Contains(trigger, StringComparison.Ordinal)) seenAt = clock.Elapsed;
            InterruptWhenDue();
        }
        var left = timeout - clock.Elapsed;                         // none left when the output never ended
        if (!process.WaitForExit(left > TimeSpan.Zero ? left : TimeSpan.Zero)) throw GiveUp("did not finish");
        Assert.True(sent, $"'{trigger}' never appeared on the runner's output:\n{stdout}");
        return new Outcome(process.ExitCode, stdout.ToString(), stderr.Result);
    }

    static bool Interrupt(int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }
}
