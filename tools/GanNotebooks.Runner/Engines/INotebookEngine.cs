namespace GanNotebooks.Runner.Engines;

/// <summary>
/// What executes a notebook's code cells: the runner's Roslyn imitation of the kernel, or the real .NET Interactive
/// kernel through nbclient. Everything around the execution (loading, parameters, the output path, the execution
/// record, the HTML export, the messages and the outcome) is the run's (GanNotebooks.Runner.Run.NotebookRun), written
/// once, so that both engines fail the same way with the same words.
/// </summary>
internal interface INotebookEngine
{
    /// <summary>Ends the run's first line: "" for the runner, " in the .NET Interactive kernel (…)" for the kernel.</summary>
    string Where { get; }

    /// <summary>What the execution record names as the engine (<c>metadata.gannotebooks.executed.engine</c>); null: the runner.</summary>
    string? Description { get; }

    /// <summary>
    /// Checks what can be checked before anything runs (a missing <c>#r</c> file, say) and plans the cells.
    /// </summary>
    /// <exception cref="NotebookException">The notebook cannot run in this engine; the message says why.</exception>
    void Prepare(EngineRun run);

    /// <summary>
    /// Runs the prepared cells. Leaves the executed notebook in <see cref="EngineRun.Notebook"/> (which the run then
    /// stamps and writes) and may write it before that, through <see cref="EngineRun.Save"/>, to show progress.
    /// </summary>
    /// <exception cref="NotebookException">The engine itself could not run (the kernel is not set up, say).</exception>
    Task<EngineOutcome> ExecuteAsync(EngineRun run);
}
