namespace GanNotebooks.Runner.Engines;

/// <summary>
/// A problem with a notebook or the command line that the user can fix; the message says how. Here, in the lowest
/// layer, because every layer above (engines, the run, the verbs) reports such problems.
/// </summary>
public sealed class NotebookException(string message) : Exception(message);
