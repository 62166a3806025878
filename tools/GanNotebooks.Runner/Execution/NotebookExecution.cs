using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using GanNotebooks.Runner.Ipynb;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanNotebooks.Runner.Execution;

/// <summary>One run of one notebook: plan the cells, check their directives, run them in order, write the outputs.</summary>
internal sealed class NotebookExecution(RunOptions options)
{
    sealed record Plan(CodeCell Code, string FilePath, PreparedCell Cell)
    {
        public int Index => Code.Index;
        public string Name => Code.Name;
    }

    readonly TextWriter _log = options.Log ?? TextWriter.Null;
    readonly string _cwd = Directory.GetCurrentDirectory();
    readonly string _source = Path.GetFullPath(options.NotebookPath);
    readonly List<CellResult> _results = [];
    readonly Stopwatch _clock = Stopwatch.StartNew();
    JsonObject _notebook = new();
    string? _outPath;
    string? _stoppedAfter;      // the cell that was running when Ctrl+C stopped the run

    public async Task<RunResult> RunAsync()
    {
        List<Plan> plans;
        try
        {
            _notebook = NotebookFile.Load(_source);
            _outPath = OutputPath();
            ParameterInjection.Apply(_notebook, options.Parameters);
            plans = PlanCells();
        }
        catch (NotebookException e)
        {
            _log.WriteLine($"error: {Rel(_source)}: {e.Message}");
            return Result(e.Message, htmlPath: null);
        }
        _log.WriteLine($"run {Rel(_source)} -> {Rel(_outPath)}{ParameterText()}");
        string? error = Preflight(plans) ?? await ExecuteAsync(plans);
        return Finish(error);
    }

    string OutputPath() => OutputPathFor(options, _source);

    /// <summary>OutDir/name.ipynb; never the source notebook itself.</summary>
    internal static string OutputPathFor(RunOptions options, string source)
    {
        string path = Path.GetFullPath(Path.Combine(options.OutDir, Path.GetFileName(source)));
        if (string.Equals(path, source, StringComparison.Ordinal))
            throw new NotebookException($"the output would overwrite the source notebook; choose another --out folder than {options.OutDir}.");
        return path;
    }

    string ParameterText() =>
        options.Parameters.Count == 0 ? "" : " (" + string.Join(", ", options.Parameters.Select(p => $"{p.Key}={p.Value}")) + ")";

    List<Plan> PlanCells()
    {
        var cells = NotebookFile.Cells(_notebook);
        string dir = Path.GetDirectoryName(_source)!, file = Path.GetFileName(_source);
        if (ParameterInjection.NeedsCellIds(_notebook))
            for (int i = 0; i < cells.Count; i++)
                if (NotebookForm.Str(cells[i]!["id"]) == null)
                    cells[i]!["id"] = ParameterInjection.UniqueId(cells, $"cell-{i + 1}"); // the executed copy must validate
        var plans = new List<Plan>();
        foreach (var code in NotebookFile.CodeCells(_notebook))
        {
            var cell = cells[code.Index]!.AsObject();
            cell["outputs"] = new JsonArray();
            cell["execution_count"] = null;
            string path = Path.Combine(dir, code.Injected ? $"{file}.injected-parameters.csx" : $"{file}.cell{code.SourceNumber}.csx");
            plans.Add(new Plan(code, path, Prepare(cell)));
        }
        return plans;
    }

    static PreparedCell Prepare(JsonObject cell)
    {
        string source = NotebookFile.Source(cell);
        string? kernel = NotebookForm.Str(cell["metadata"]?["polyglot_notebook"]?["kernelName"]);
        if (kernel is null or NotebookForm.KernelName) return CellSource.Prepare(source, PackageCatalog.Embedded);
        if (kernel == "markdown") return PreparedCell.Skipped;
        return PreparedCell.Rejected(new CellProblem(1, $"the cell is for the '{kernel}' kernel; the runner runs C# cells only (kernelName \"csharp\")."));
    }

    // Directive problems are reported before anything runs: no use training for an hour to fail on a typo in the last cell.
    string? Preflight(List<Plan> plans)
    {
        var bad = plans.Where(p => p.Cell.Problems.Count > 0).ToList();
        if (bad.Count == 0) return null;
        foreach (var plan in bad)
            foreach (var problem in plan.Cell.Problems)
                _log.WriteLine($"error: {Rel(_source)}, {plan.Name}, line {problem.Line}: {problem.Message}");
        Plan first = bad[0];
        CellProblem p = first.Cell.Problems[0];
        var outputs = new CellOutputs();
        outputs.AddError("DirectiveError", p.Message, [$"{first.Name}, line {p.Line}: {p.Message}"]);
        SetOutputs(first.Index, outputs, executionCount: null);
        foreach (var plan in plans)
            _results.Add(plan == first
                ? new CellResult(plan.Index, plan.Name, CellStatus.Failed, TimeSpan.Zero, p.Message, p.Line)
                : new CellResult(plan.Index, plan.Name, CellStatus.NotRun, TimeSpan.Zero));
        Save();
        return $"{first.Name}, line {p.Line}: {p.Message}";
    }

    async Task<string?> ExecuteAsync(List<Plan> plans)
    {
        string previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Formatter.ResetToDefault(); // a notebook's Formatter.Register calls must not leak into the next one
            Directory.SetCurrentDirectory(Path.GetDirectoryName(_source)!); // as the kernel: the notebook's folder
            var session = new ScriptSession(Path.GetDirectoryName(_source)!);
            await session.StartAsync();
            using var stopHost = StopHost.Register(options.Stop);
            var names = plans.ToDictionary(p => p.FilePath, p => p.Name);
            int runnable = plans.Count(p => !p.Cell.Skip), k = 0, executionCount = 0;
            foreach (var plan in plans)
            {
                if (plan.Cell.Skip) { _results.Add(new CellResult(plan.Index, plan.Name, CellStatus.Skipped, TimeSpan.Zero)); continue; }
                string prefix = plan.Code.ProgressPrefix(++k, runnable);
                _log.Write(prefix);
                CellResult result = await RunCellAsync(session, plan, ++executionCount, prefix, f => names.GetValueOrDefault(f));
                _results.Add(result);
                Save();
                if (result.Status == CellStatus.Failed) return MarkRestNotRun(plans, plan, result);
                if (options.Stop.IsCancellationRequested) return MarkStopped(plans, plan);
            }
            return null;
        }
        finally
        {
            try { Directory.SetCurrentDirectory(previousDirectory); }
            catch (IOException) { } // the folder we started in is gone; the run itself is over and fine
        }
    }

    async Task<CellResult> RunCellAsync(ScriptSession session, Plan plan, int executionCount, string prefix, ErrorReport.CellName names)
    {
        var outputs = new CellOutputs();
        var watch = Stopwatch.StartNew();
        ErrorReport? error = null;
        using (ConsoleRouter.Route(outputs))
        using (new CellMonitor(outputs, _log, prefix, options, () => { SetOutputs(plan.Index, outputs, executionCount); Save(); }))
        {
            try
            {
                object? value = await session.RunAsync(plan.Cell.Code, plan.FilePath, plan.Cell.References);
                if (value != null) outputs.AddExecuteResult(MimeBundle.Create(value, null).Data, executionCount);
            }
            catch (CompilationErrorException e) { error = ErrorReport.FromCompilation(e); }
            catch (Exception e) { error = ErrorReport.FromException(e, plan.Name, names); }
            watch.Stop();
            if (error != null) outputs.AddError(error.Ename, error.Evalue, error.Traceback);
            if (plan.Cell.Timed) WallTime(outputs, watch.Elapsed);
        }
        SetOutputs(plan.Index, outputs, executionCount);
        _log.WriteLine(error == null ? Seconds(watch.Elapsed) : "FAILED");
        return error == null
            ? new CellResult(plan.Index, plan.Name, CellStatus.Succeeded, watch.Elapsed)
            : new CellResult(plan.Index, plan.Name, CellStatus.Failed, watch.Elapsed, error.Summary, error.Line);
    }

    // #!time, as the kernel shows it.
    static void WallTime(CellOutputs outputs, TimeSpan elapsed) =>
        outputs.AddDisplay(new JsonObject
        {
            [MimeBundle.PlainText] = $"Wall time: {elapsed.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
        });

    string MarkRestNotRun(List<Plan> plans, Plan failed, CellResult result)
    {
        foreach (var plan in plans.SkipWhile(p => p != failed).Skip(1))
            _results.Add(new CellResult(plan.Index, plan.Name, CellStatus.NotRun, TimeSpan.Zero));
        string line = result.Line is { } l ? $", line {l}" : "";
        _log.WriteLine($"error: {Rel(_source)}, {failed.Name}{line}: {result.Error}");
        return $"{failed.Name}{line}: {result.Error}";
    }

    string? MarkStopped(List<Plan> plans, Plan last)
    {
        foreach (var plan in plans.SkipWhile(p => p != last).Skip(1))
            _results.Add(new CellResult(plan.Index, plan.Name, CellStatus.NotRun, TimeSpan.Zero));
        _stoppedAfter = last.Name;
        return null;
    }

    JsonObject Cell(int index) => NotebookFile.Cells(_notebook)[index]!.AsObject();

    void SetOutputs(int index, CellOutputs outputs, int? executionCount)
    {
        var cell = Cell(index);
        cell["outputs"] = outputs.ToJson();
        cell["execution_count"] = executionCount;
    }

    void Save() => NotebookFile.Save(_outPath!, _notebook);

    RunResult Finish(string? error)
    {
        if (_outPath != null && File.Exists(_outPath))
        {
            if (_notebook["metadata"] is not JsonObject metadata) _notebook["metadata"] = metadata = new JsonObject();
            MachineDescription.For(_clock.Elapsed).WriteTo(metadata);
            Save();
        }
        string? html = null;
        if (options.Html)
        {
            string htmlPath = Path.ChangeExtension(_outPath!, ".html");
            try
            {
                GanNotebooks.Export.HtmlExporter.Export(_outPath!, htmlPath);
                html = htmlPath;
            }
            catch (Exception e)
            {
                _log.WriteLine($"error: HTML export of {Rel(_outPath!)} failed: {e.Message}");
                error ??= $"HTML export failed: {e.Message}";
            }
        }
        int ran = _results.Count(r => r.Status == CellStatus.Succeeded);
        string outcome = error != null ? "FAILED" : _stoppedAfter != null ? $"stopped (Ctrl+C) after {_stoppedAfter}" : "ok";
        _log.WriteLine($"{outcome}: {ran} of {_results.Count(r => r.Status != CellStatus.Skipped)} cells ran in " +
                       $"{Seconds(_clock.Elapsed)}; outputs in {Rel(_outPath!)}{(html != null ? $" and {Rel(html)}" : "")}");
        return Result(error, html);
    }

    RunResult Result(string? error, string? htmlPath) =>
        new(_source, File.Exists(_outPath ?? "") ? _outPath : null, htmlPath, _results, error, _clock.Elapsed, _stoppedAfter != null);

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    // Paths in messages: relative to where the user is, unless that means climbing out of it.
    string Rel(string path) => Path.GetRelativePath(_cwd, path) is var rel && !rel.StartsWith("..", StringComparison.Ordinal) ? rel : path;
}
