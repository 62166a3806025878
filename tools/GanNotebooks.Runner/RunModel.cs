namespace GanNotebooks.Runner;

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

/// <summary>How a code cell fared.</summary>
public enum CellStatus
{
    /// <summary>Ran without error.</summary>
    Succeeded,
    /// <summary>Did not compile, threw, or has a directive the runner cannot honour; the run stopped here.</summary>
    Failed,
    /// <summary>Not C# to run (a <c>#!markdown</c> cell).</summary>
    Skipped,
    /// <summary>Not reached: an earlier cell failed, or Ctrl+C stopped the run.</summary>
    NotRun,
}

/// <summary>One code cell of the executed notebook.</summary>
/// <param name="Index">0-based position in the executed notebook (which includes the injected parameters cell).</param>
/// <param name="Name">How messages name it: "cell 7" (1-based position in the source notebook) or "injected parameters cell".</param>
/// <param name="Status">What happened.</param>
/// <param name="Elapsed">Wall time of the cell.</param>
/// <param name="Error">For a failed cell: the summary of the error.</param>
/// <param name="Line">For a failed cell: the 1-based line in the cell, when known.</param>
public sealed record CellResult(int Index, string Name, CellStatus Status, TimeSpan Elapsed, string? Error = null, int? Line = null);

/// <summary>The outcome of running one notebook.</summary>
/// <param name="NotebookPath">The source notebook.</param>
/// <param name="OutputPath">The executed notebook, written even when a cell failed (null if nothing could be written).</param>
/// <param name="HtmlPath">The HTML export, when asked for and written.</param>
/// <param name="Cells">Every code cell, in order.</param>
/// <param name="Error">Why the run failed (null on success).</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="Stopped">Ctrl+C ended the run after the cell that was running (<see cref="RunOptions.Stop"/>).</param>
public sealed record RunResult(
    string NotebookPath, string? OutputPath, string? HtmlPath, IReadOnlyList<CellResult> Cells, string? Error, TimeSpan Elapsed,
    bool Stopped = false)
{
    /// <summary>Every cell ran (or was skipped) and the outputs were written.</summary>
    public bool Succeeded => Error == null;

    /// <summary>The cell that failed, if any.</summary>
    public CellResult? FailedCell => Cells.FirstOrDefault(c => c.Status == CellStatus.Failed);
}

/// <summary>A problem with a notebook or the command line that the user can fix; the message says how.</summary>
public sealed class NotebookException(string message) : Exception(message);
