namespace GanNotebooks.Runner.Engines;

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
