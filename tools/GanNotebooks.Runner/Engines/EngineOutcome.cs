namespace GanNotebooks.Runner.Engines;

/// <summary>What an engine's execution came to.</summary>
/// <param name="Cells">Every code cell, in order.</param>
/// <param name="Errors">
/// Why it failed, each as "cell 4, line 3: what" (the run prints each after "error: notebook, "); the first is the
/// run's error. Empty: every cell ran, or Ctrl+C stopped it.
/// </param>
/// <param name="Stopped">Ctrl+C ended it after the cell that was running.</param>
internal sealed record EngineOutcome(IReadOnlyList<CellResult> Cells, IReadOnlyList<string> Errors, bool Stopped = false);
