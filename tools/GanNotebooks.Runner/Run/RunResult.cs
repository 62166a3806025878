using GanNotebooks.Runner.Engines;

namespace GanNotebooks.Runner.Run;

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
