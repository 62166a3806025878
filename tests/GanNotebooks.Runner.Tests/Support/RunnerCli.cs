namespace GanNotebooks.Runner.Tests.Support;

/// <summary>The runner's command line, in process (fast) or as a real process (exit code proof).</summary>
public static partial class RunnerCli
{
    public static Outcome InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Cli.Run(args, stdout, stderr);
        return new Outcome(exit, stdout.ToString(), stderr.ToString());
    }
}
