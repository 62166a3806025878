namespace GanNotebooks.Runner;

/// <summary>Entry point: see <see cref="Cli"/>.</summary>
public static class Program
{
    /// <summary>Runs the command line; the exit code is 0 only when everything succeeded.</summary>
    public static int Main(string[] args) => Cli.Run(args, Console.Out, Console.Error);
}
