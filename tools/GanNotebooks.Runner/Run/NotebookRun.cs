using System.Diagnostics;
using GanNotebooks.Export;
using GanNotebooks.Ipynb;
using GanNotebooks.Runner.Engines;

namespace GanNotebooks.Runner.Run;

/// <summary>
/// One run of one notebook, the same for every engine: load it, inject the parameters, let the engine prepare and
/// execute the cells, stamp the execution record, write the executed notebook, export its HTML, and say how it went.
/// Every problem a user can cause ends here as a failed <see cref="RunResult"/> with one message, whichever engine ran.
/// </summary>
internal sealed class NotebookRun(RunOptions options, INotebookEngine engine)
{
    readonly TextWriter log = options.Log ?? TextWriter.Null;
    readonly string cwd = Directory.GetCurrentDirectory();
    readonly string source = Path.GetFullPath(options.NotebookPath);
    readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>Runs the notebook; never throws for a problem the user can fix (the result says it).</summary>
    public async Task<RunResult> RunAsync()
    {
        EngineRun run;
        try
        {
            run = Prepare();
        }
        catch (NotebookException e)
        {
            log.WriteLine($"error: {Rel(source)}: {e.Message}");
            return new RunResult(source, null, null, [], e.Message, clock.Elapsed);
        }
        log.WriteLine($"run {Rel(source)} -> {Rel(run.OutputPath)}{ParameterText()}{engine.Where}");
        EngineOutcome outcome;
        string? engineError = null;
        try
        {
            outcome = await engine.ExecuteAsync(run);
        }
        catch (NotebookException e)             // the engine could not run at all (the kernel is not set up, say)
        {
            log.WriteLine($"error: {Rel(source)}: {e.Message}");
            (outcome, engineError) = (new EngineOutcome([], []), e.Message);
        }
        return Finish(run, outcome, engineError);
    }

    /// <summary>Everything before the first cell runs; the output is written once here, so an unwritable one fails now.</summary>
    EngineRun Prepare()
    {
        string outPath = OutputPath();
        var run = new EngineRun(source, outPath, log, new EngineSettings(options.TerminalProgress, options.ProgressEvery, options.SaveEvery, options.Stop))
        {
            Notebook = NotebookLoader.Load(source),
        };
        ParameterInjection.Apply(run.Notebook, options.Parameters);
        engine.Prepare(run);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
            run.Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookException($"cannot write {Rel(outPath)}: {e.Message} (check the --out folder and its permissions).");
        }
        return run;
    }

    /// <summary>OutDir/name.ipynb; never the source notebook itself.</summary>
    string OutputPath()
    {
        string path = Path.GetFullPath(Path.Combine(options.OutDir, Path.GetFileName(source)));
        if (string.Equals(path, source, StringComparison.Ordinal))
            throw new NotebookException($"the output would overwrite the source notebook; choose another --out folder than {options.OutDir}.");
        return path;
    }

    string ParameterText() =>
        options.Parameters.Count == 0 ? "" : " (" + string.Join(", ", options.Parameters.Select(p => $"{p.Key}={p.Value}")) + ")";

    /// <summary>Stamps and writes the executed notebook, exports it, and says how the run went.</summary>
    /// <param name="run">The execution.</param>
    /// <param name="outcome">What the engine reported.</param>
    /// <param name="engineError">Why the engine could not run at all, already said.</param>
    RunResult Finish(EngineRun run, EngineOutcome outcome, string? engineError = null)
    {
        foreach (string problem in outcome.Errors) log.WriteLine($"error: {Rel(source)}, {problem}");
        string? error = engineError ?? (outcome.Errors.Count > 0 ? outcome.Errors[0] : null);
        run.Notebook.Stamp(MachineDescription.For(clock.Elapsed) with { Engine = engine.Description });
        run.Save();
        string? html = null;
        if (options.Html)
        {
            string htmlPath = Path.ChangeExtension(run.OutputPath, ".html");
            try
            {
                HtmlExporter.Export(run.OutputPath, htmlPath);
                html = htmlPath;
            }
            catch (Exception e)
            {
                log.WriteLine($"error: HTML export of {Rel(run.OutputPath)} failed: {e.Message}");
                error ??= $"HTML export failed: {e.Message}";
            }
        }
        var cells = outcome.Cells;
        string? stoppedAfter = cells.LastOrDefault(c => c.Status == CellStatus.Succeeded)?.Name;
        string verdict = error != null ? "FAILED" : outcome.Stopped ? "stopped (Ctrl+C)" + (stoppedAfter is null ? "" : $" after {stoppedAfter}") : "ok";
        log.WriteLine($"{verdict}: {cells.Count(r => r.Status == CellStatus.Succeeded)} of {cells.Count(r => r.Status != CellStatus.Skipped)} " +
                      $"cells ran in {ProgressLine.Seconds(clock.Elapsed)}; outputs in {Rel(run.OutputPath)}{(html != null ? $" and {Rel(html)}" : "")}");
        return new RunResult(source, run.OutputPath, html, cells, error, clock.Elapsed, outcome.Stopped);
    }

    // Paths in messages: relative to where the user is, unless that means climbing out of it.
    string Rel(string path) => Path.GetRelativePath(cwd, path) is var rel && !rel.StartsWith("..", StringComparison.Ordinal) ? rel : path;
}
