namespace GanNotebooks.Runner.Run;

/// <summary>What to run: one notebook, with parameter overrides, written to <see cref="OutDir"/>.</summary>
/// <param name="NotebookPath">The source .ipynb.</param>
public sealed record RunOptions(string NotebookPath)
{
    /// <summary>Folder for the executed notebook (and HTML); relative paths are relative to the current directory.</summary>
    public string OutDir { get; init; } = "rendered";

    /// <summary><c>--param name=value</c> overrides, in command-line order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Also write <c>OutDir/name.html</c> with the HTML exporter.</summary>
    public bool Html { get; init; }

    /// <summary>
    /// Execute in the real .NET Interactive kernel (through Jupyter's nbclient, kernelspec .net-csharp) instead of the
    /// runner's own Roslyn session: the check that the course runs where teachers run it.
    /// </summary>
    public bool InKernel { get; init; }

    /// <summary>Where progress lines go (null: nowhere).</summary>
    public TextWriter? Log { get; init; }

    /// <summary>The log is an interactive terminal: a running cell's latest progress line is rewritten in place.</summary>
    public bool TerminalProgress { get; init; }

    /// <summary>Otherwise, how often a running cell's latest progress line is printed (when it changed).</summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Ctrl+C: once cancelled, the running cell is asked to stop (the library's <c>TrainingLoop</c> listens through
    /// <c>StopSignal.HostKey</c> and ends at its next step, keeping everything) and no further cell runs; the executed
    /// notebook keeps every output so far.
    /// </summary>
    public CancellationToken Stop { get; init; }

    /// <summary>How often the executed notebook on disk is refreshed with a running cell's outputs so far.</summary>
    public TimeSpan SaveEvery { get; init; } = TimeSpan.FromSeconds(30);
}
