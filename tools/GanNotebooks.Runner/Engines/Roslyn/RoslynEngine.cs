using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using GanNotebooks.Ipynb;
using GanNotebooks.Runner.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanNotebooks.Runner.Engines.Roslyn;

/// <summary>
/// The runner's engine: every C# cell a Roslyn script submission continuing the previous one, as the .NET Interactive
/// C# kernel ran them, with the cell's outputs captured as the kernel would show them. Directives are checked for all
/// cells before the first one runs; the executed notebook is written after every cell.
/// </summary>
internal sealed class RoslynEngine : INotebookEngine
{
    sealed record Plan(CodeCell Code, string FilePath, PreparedCell Cell)
    {
        public int Index => Code.Index;
        public string Name => Code.Name;
    }

    List<Plan> plans = [];

    /// <inheritdoc/>
    public string Where => "";

    /// <inheritdoc/>
    public string? Description => null;

    /// <inheritdoc/>
    public void Prepare(EngineRun run)
    {
        var notebook = run.Notebook;
        string dir = Path.GetDirectoryName(run.SourcePath)!, file = Path.GetFileName(run.SourcePath);
        if (notebook.NeedsCellIds)
            for (int i = 0; i < notebook.CellArray.Count; i++)
                if (notebook.CellAt(i) is { Id: null } cell)
                    cell.Id = notebook.UniqueCellId($"cell-{i + 1}"); // the executed copy must validate
        plans = [];
        foreach (var code in notebook.CodeCells())
        {
            var cell = notebook.CellAt(code.Index);
            cell.SetOutputs([], executionCount: null);
            string path = Path.Combine(dir, code.Injected ? $"{file}.injected-parameters.csx" : $"{file}.cell{code.SourceNumber}.csx");
            plans.Add(new Plan(code, path, PrepareCell(cell)));
        }
    }

    static PreparedCell PrepareCell(Cell cell)
    {
        string? kernel = cell.KernelName;
        if (kernel is null or NotebookForm.KernelName) return CellSource.Prepare(cell.Source, PackageCatalog.Embedded);
        if (kernel == "markdown") return PreparedCell.Skipped;
        return PreparedCell.Rejected(new CellProblem(1, $"the cell is for the '{kernel}' kernel; the runner runs C# cells only (kernelName \"csharp\")."));
    }

    /// <inheritdoc/>
    public async Task<EngineOutcome> ExecuteAsync(EngineRun run)
    {
        var results = new List<CellResult>();
        var problems = Preflight(run, results);
        if (problems.Count > 0) return new EngineOutcome(results, problems);
        string previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Formatter.ResetToDefault(); // a notebook's Formatter.Register calls must not leak into the next one
            string folder = Path.GetDirectoryName(run.SourcePath)!;
            Directory.SetCurrentDirectory(folder); // as the kernel: the notebook's folder
            var session = new ScriptSession(folder);
            await session.StartAsync();
            using var stopHost = StopHost.Register(run.Settings.Stop);
            return await RunCellsAsync(run, session, results);
        }
        finally
        {
            try { Directory.SetCurrentDirectory(previousDirectory); }
            catch (IOException) { } // the folder we started in is gone; the run itself is over and fine
        }
    }

    // Directive problems are reported before anything runs: no use training for an hour to fail on a typo in the last cell.
    List<string> Preflight(EngineRun run, List<CellResult> results)
    {
        var bad = plans.Where(p => p.Cell.Problems.Count > 0).ToList();
        if (bad.Count == 0) return [];
        Plan first = bad[0];
        CellProblem p = first.Cell.Problems[0];
        var outputs = new CellOutputs();
        outputs.AddError("DirectiveError", p.Message, [$"{first.Name}, line {p.Line}: {p.Message}"]);
        run.Notebook.CellAt(first.Index).SetOutputs(outputs.ToJson(), executionCount: null);
        foreach (var plan in plans)
            results.Add(plan == first
                ? new CellResult(plan.Index, plan.Name, CellStatus.Failed, TimeSpan.Zero, p.Message, p.Line)
                : new CellResult(plan.Index, plan.Name, CellStatus.NotRun, TimeSpan.Zero));
        run.Save();
        return bad.SelectMany(plan => plan.Cell.Problems.Select(problem => $"{plan.Name}, line {problem.Line}: {problem.Message}")).ToList();
    }

    async Task<EngineOutcome> RunCellsAsync(EngineRun run, ScriptSession session, List<CellResult> results)
    {
        var names = plans.ToDictionary(p => p.FilePath, p => p.Name);
        int runnable = plans.Count(p => !p.Cell.Skip), k = 0, executionCount = 0;
        foreach (var plan in plans)
        {
            if (plan.Cell.Skip) { results.Add(new CellResult(plan.Index, plan.Name, CellStatus.Skipped, TimeSpan.Zero)); continue; }
            string prefix = ProgressLine.Prefix(plan.Code, ++k, runnable);
            run.Log.Write(prefix);
            CellResult result = await RunCellAsync(run, session, plan, ++executionCount, prefix, f => names.GetValueOrDefault(f));
            results.Add(result);
            run.Save();
            if (result.Status == CellStatus.Failed)
            {
                MarkRestNotRun(results, plan);
                string line = result.Line is { } l ? $", line {l}" : "";
                return new EngineOutcome(results, [$"{plan.Name}{line}: {result.Error}"]);
            }
            if (run.Settings.Stop.IsCancellationRequested)
            {
                MarkRestNotRun(results, plan);
                return new EngineOutcome(results, [], Stopped: true);
            }
        }
        return new EngineOutcome(results, []);
    }

    static async Task<CellResult> RunCellAsync(EngineRun run, ScriptSession session, Plan plan, int executionCount, string prefix, ErrorReport.CellName names)
    {
        var outputs = new CellOutputs();
        var cell = run.Notebook.CellAt(plan.Index);
        var watch = Stopwatch.StartNew();
        ErrorReport? error = null;
        using (ConsoleRouter.Route(outputs))
        using (new CellMonitor(outputs, run.Log, prefix, run.Settings, () => { cell.SetOutputs(outputs.ToJson(), executionCount); run.Save(); }))
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
        cell.SetOutputs(outputs.ToJson(), executionCount);
        run.Log.WriteLine(error == null ? ProgressLine.Seconds(watch.Elapsed) : "FAILED");
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

    void MarkRestNotRun(List<CellResult> results, Plan last)
    {
        foreach (var plan in plans.SkipWhile(p => p != last).Skip(1))
            results.Add(new CellResult(plan.Index, plan.Name, CellStatus.NotRun, TimeSpan.Zero));
    }
}
