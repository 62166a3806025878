using GanNotebooks.Ipynb;

namespace GanNotebooks.Runner.Engines;

/// <summary>One execution as an engine sees it: the prepared notebook, where it comes from and goes, and the console.</summary>
/// <param name="SourcePath">The source notebook, full path (its folder is the cells' current directory).</param>
/// <param name="OutputPath">The executed notebook, full path; its folder exists.</param>
/// <param name="Log">Progress lines.</param>
/// <param name="Settings">How progress is shown and saved, and the Ctrl+C token.</param>
internal sealed record EngineRun(string SourcePath, string OutputPath, TextWriter Log, EngineSettings Settings)
{
    /// <summary>The notebook: loaded with parameters injected; after the execution, the executed notebook.</summary>
    public required Notebook Notebook { get; set; }

    /// <summary>Writes <see cref="Notebook"/> to <see cref="OutputPath"/> (atomically).</summary>
    public void Save() => Notebook.Save(OutputPath);
}

/// <summary>How a running cell's progress is shown and saved, and the stop request.</summary>
/// <param name="TerminalProgress">The log is a terminal: the latest progress line is rewritten in place.</param>
/// <param name="ProgressEvery">Otherwise, how often the latest progress line is printed.</param>
/// <param name="SaveEvery">How often the executed notebook is refreshed with a running cell's outputs so far.</param>
/// <param name="Stop">Ctrl+C: the running cell is asked to stop and no further cell runs.</param>
internal sealed record EngineSettings(bool TerminalProgress, TimeSpan ProgressEvery, TimeSpan SaveEvery, CancellationToken Stop);
