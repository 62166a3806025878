using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Runner.Engines.Kernel;

/// <summary>
/// <c>run --kernel</c>: the notebook executed by the real .NET Interactive kernel (the engine of VS Code Polyglot
/// Notebooks), driven by Jupyter's own nbclient, instead of by the runner's Roslyn imitation of it. The run around it
/// (parameters, output, execution record, HTML export, messages) is the same as for the runner, so the two engines'
/// outputs can be compared cell by cell.
/// </summary>
internal sealed partial class KernelEngine : INotebookEngine
{
    /// <summary>The kernelspec `dotnet interactive jupyter install` registers for C# (tools/kernel-setup.sh).</summary>
    public const string KernelName = NotebookForm.KernelspecName;

    /// <summary>What ran the notebook, stored with it (metadata.gannotebooks.executed.engine).</summary>
    public const string EngineDescription = "dotnet-interactive (the .NET Interactive kernel, via nbclient)";

    const string Script = "execute_in_kernel.py";

    /// <summary>The script's exit code after Ctrl+C (128 + SIGINT, as the runner's own).</summary>
    const int ScriptStopped = 130;

    /// <inheritdoc/>
    public string Where => $" in the .NET Interactive kernel ({KernelName}, via nbclient)";

    /// <inheritdoc/>
    public string? Description => EngineDescription;

    /// <inheritdoc/>
    public void Prepare(EngineRun run) => CheckReferencedFiles(run.Notebook, Path.GetDirectoryName(run.SourcePath)!);

    /// <inheritdoc/>
    public Task<EngineOutcome> ExecuteAsync(EngineRun run)
    {
        string input = Path.Combine(Path.GetDirectoryName(run.OutputPath)!, $".{Path.GetFileNameWithoutExtension(run.OutputPath)}.kernel-input.ipynb");
        string script = Path.Combine(Path.GetTempPath(), $"gannotebooks-{Environment.ProcessId}-{Script}");
        try
        {
            run.Notebook.Save(input);
            File.WriteAllText(script, ReadScript());
            var (exitCode, failure) = Execute(run, input, script);
            run.Notebook = NotebookLoader.Load(run.OutputPath);
            return Task.FromResult(Outcome(run.Notebook.CodeCells(), exitCode, failure, run.Notebook));
        }
        finally
        {
            File.Delete(input);
            File.Delete(script);
        }
    }

    static (int ExitCode, JsonObject? Failure) Execute(EngineRun run, string input, string script)
    {
        var start = new ProcessStartInfo(Python(), [script, input, run.OutputPath, "--cwd", Path.GetDirectoryName(run.SourcePath)!, "--kernel", KernelName])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";   // the kernel's web host logs every start at Information
        using var process = Process.Start(start) ?? throw new NotebookException($"could not start {start.FileName}.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        // Ctrl+C: the script interrupts the kernel (SIGINT, the stop button of Jupyter's front ends), lets the cell end
        // and exits with 130. A terminal already sent SIGINT to the script too; a second one changes nothing there.
        using var forward = run.Settings.Stop.Register(() => Interrupt(process.Id));
        var failure = FollowProgress(process, run.Notebook.CodeCells().ToDictionary(c => c.Index), run.Log);
        process.WaitForExit();
        if ((string?)failure?["ename"] == "DeadKernelError")   // nbclient only knows the process is gone: say why it went
            failure!["evalue"] = $"{(string?)failure["evalue"]}. The kernel's last words: {KernelLastWords(stderr.ToString())}";
        if (process.ExitCode == ScriptStopped && failure == null) return (process.ExitCode, null);
        if (process.ExitCode == 2 || (process.ExitCode != 0 && failure == null))
            throw new NotebookException($"the .NET Interactive kernel did not run the notebook (exit {process.ExitCode}). " +
                $"{(string?)failure?["evalue"]} {LastLines(stderr.ToString())} Set it up with: bash tools/kernel-setup.sh");
        return (process.ExitCode, failure);
    }

    /// <summary>The script's events as progress lines, the same as the runner's; returns its error event, if any.</summary>
    static JsonObject? FollowProgress(Process process, Dictionary<int, CodeCell> codeCells, TextWriter log)
    {
        int k = 0;
        JsonObject? failure = null;
        var cellClock = Stopwatch.StartNew();
        for (string? line; (line = process.StandardOutput.ReadLine()) != null;)
        {
            if (!line.StartsWith('{')) continue;
            var message = JsonNode.Parse(line)!.AsObject();
            switch ((string?)message["event"])
            {
                case "cell":
                    if (k > 0) log.WriteLine(ProgressLine.Seconds(cellClock.Elapsed));
                    log.Write(ProgressLine.Prefix(codeCells[(int)message["index"]!], ++k, codeCells.Count));
                    cellClock.Restart();
                    break;
                case "done":
                case "stopped":
                    if (k > 0) log.WriteLine(ProgressLine.Seconds(cellClock.Elapsed));
                    break;
                case "error":
                    if (k > 0) log.WriteLine("FAILED");
                    failure = message;
                    break;
            }
        }
        return failure;
    }

    static EngineOutcome Outcome(IReadOnlyList<CodeCell> codeCells, int exitCode, JsonObject? failure, Notebook executed)
    {
        bool stopped = exitCode == ScriptStopped && failure == null;
        var results = CellResults(codeCells, failure, stopped ? executed : null);
        return exitCode == 0 || stopped
            ? new EngineOutcome(results, [], stopped)
            : new EngineOutcome(results, [Describe(codeCells, failure!)]);
    }

    /// <summary>
    /// The kernel resolves <c>#r "file.dll"</c> from the notebook's folder and fails the whole cell with a bare
    /// "compilation error" when the file is missing (a fresh clone before the library's Release build): say which
    /// file, and how to make it, before starting the kernel.
    /// </summary>
    static void CheckReferencedFiles(Notebook notebook, string folder)
    {
        foreach (var code in notebook.CodeCells())
            foreach (string line in code.Source.Split('\n'))
            {
                var match = FileReference().Match(line.Trim());
                if (!match.Success) continue;
                string path = Path.GetFullPath(Path.Combine(folder, match.Groups[1].Value));
                if (!File.Exists(path))
                    throw new NotebookException($"{code.Name}: {line.Trim()}: there is no {path}. The kernel loads that file itself" +
                        (path.Contains($"lib{Path.DirectorySeparatorChar}GanNotebooks", StringComparison.Ordinal)
                            ? "; build it with: dotnet build lib/GanNotebooks -c Release" : "."));
            }
    }

    [GeneratedRegex("""^#r\s+"(?!nuget:)([^"]+\.dll)"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex FileReference();

    /// <param name="codeCells">The notebook's code cells.</param>
    /// <param name="failure">The script's error event, or null.</param>
    /// <param name="stoppedNotebook">After Ctrl+C, the executed notebook: cells it holds no execution count for did not run.</param>
    static List<CellResult> CellResults(IReadOnlyList<CodeCell> codeCells, JsonObject? failure, Notebook? stoppedNotebook = null)
    {
        int failed = failure?["index"] is JsonValue v ? (int)v : -1;
        var cells = stoppedNotebook?.CellArray;
        return codeCells.Select(c =>
        {
            var status = cells is not null ? (cells[c.Index]?["execution_count"] is JsonValue ? CellStatus.Succeeded : CellStatus.NotRun)
                : failed < 0 || c.Index < failed ? CellStatus.Succeeded : c.Index == failed ? CellStatus.Failed : CellStatus.NotRun;
            return new CellResult(c.Index, c.Name, status, TimeSpan.Zero, status == CellStatus.Failed ? Describe(codeCells, failure!) : null);
        }).ToList();
    }

    static string Describe(IReadOnlyList<CodeCell> codeCells, JsonObject failure)
    {
        int index = failure["index"] is JsonValue v ? (int)v : -1;
        string evalue = ((string?)failure["evalue"] ?? "").Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        return $"{codeCells.FirstOrDefault(c => c.Index == index)?.Name ?? "the kernel"}: {failure["ename"]}: {evalue}";
    }

    /// <summary>Debian's python3 (where Jupyter's packages are), unless GAN_PYTHON names another.</summary>
    static string Python() =>
        Environment.GetEnvironmentVariable("GAN_PYTHON") is { Length: > 0 } python ? python
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    static string ReadScript()
    {
        using var stream = typeof(KernelEngine).Assembly.GetManifestResourceStream(Script)
            ?? throw new InvalidOperationException($"{Script} is not embedded in the runner; rebuild it.");
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The exception a dying kernel printed (its first line), else its last lines: stack frames left out.</summary>
    static string KernelLastWords(string stderr)
    {
        var lines = stderr.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("at ", StringComparison.Ordinal)
            && !l.StartsWith("---", StringComparison.Ordinal)).ToList();
        string? exception = lines.FirstOrDefault(l => l.StartsWith("Unhandled exception", StringComparison.Ordinal));
        return exception ?? (lines.Count == 0 ? "(nothing on stderr)" : string.Join(" ", lines.TakeLast(3)));
    }

    /// <summary>Sends SIGINT to <paramref name="pid"/> with kill(1) (Windows: nothing; Jupyter interrupts otherwise there).</summary>
    static void Interrupt(int pid)
    {
        if (OperatingSystem.IsWindows()) return;
        try { Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)])?.WaitForExit(5000); }
        catch (System.ComponentModel.Win32Exception) { }   // no kill(1): the script ends with the runner
    }

    static string LastLines(string text) => string.Join(" ", text.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(3));
}
