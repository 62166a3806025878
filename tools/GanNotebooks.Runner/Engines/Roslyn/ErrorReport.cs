using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace GanNotebooks.Runner.Engines.Roslyn;

/// <summary>How a failed cell is reported: a one-line summary with the cell's line, and an nbformat error output.</summary>
internal sealed record ErrorReport(string Ename, string Evalue, IReadOnlyList<string> Traceback, int? Line, string Summary)
{
    /// <summary>
    /// Maps the file paths the session gave to cells (see <see cref="ScriptSession.RunAsync"/>) back to cell names,
    /// e.g. "/nb/01-gan.ipynb.cell7.csx" to "cell 7".
    /// </summary>
    public delegate string? CellName(string filePath);

    public static ErrorReport FromCompilation(CompilationErrorException e)
    {
        var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).DefaultIfEmpty(e.Diagnostics.First()).ToList();
        var lines = errors.Select(d =>
        {
            var at = d.Location.GetLineSpan().StartLinePosition;
            return $"line {at.Line + 1}, column {at.Character + 1}: {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
        }).ToList();
        int line = errors[0].Location.GetLineSpan().StartLinePosition.Line + 1;
        return new ErrorReport("CompilationError", string.Join("\n", lines), lines, line, $"compile error at {lines[0]}");
    }

    public static ErrorReport FromException(Exception e, string currentCell, CellName cellName)
    {
        (string? where, int? line) = InnermostCellFrame(e, currentCell, cellName);
        string type = e.GetType().FullName ?? e.GetType().Name;
        var traceback = new List<string> { $"{type}: {e.Message}" };
        traceback.AddRange(StackLines(e, cellName));
        for (Exception? inner = e.InnerException; inner != null; inner = inner.InnerException)
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        string place = where == null ? "" : line == null ? $" ({where})" : where == currentCell ? $" at line {line}" : $" (thrown in {where}, line {line})";
        return new ErrorReport(type, e.Message, traceback, where == currentCell ? line : null, $"{type}{place}: {e.Message}");
    }

    // The frame closest to the throw that is notebook code: the line a reader should look at.
    static (string? Cell, int? Line) InnermostCellFrame(Exception e, string currentCell, CellName cellName)
    {
        foreach (StackFrame frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetFileName() is { } file && cellName(file) is { } cell)
                return (cell, frame.GetFileLineNumber() is > 0 and var n ? n : null);
        }
        return (null, null);
    }

    // Frames from the throw up to the outermost notebook frame; what lies beyond is the runner and Roslyn. An exception
    // that hides its trace (StackTrace overridden to "", as GanNotebooks.Exercises.ExerciseException does) shows none,
    // as in the kernel, which prints the StackTrace string.
    static IEnumerable<string> StackLines(Exception e, CellName cellName)
    {
        if (e.StackTrace is "") yield break;
        var frames = new StackTrace(e, fNeedFileInfo: true).GetFrames()
            .Select(f => (Frame: f, Cell: f.GetFileName() is { } file ? cellName(file) : null)).ToList();
        int last = frames.FindLastIndex(f => f.Cell != null);
        foreach (var (frame, cell) in last < 0 ? frames : frames.Take(last + 1))
        {
            string owner = frame.GetMethod()?.DeclaringType?.FullName ?? "";
            if (owner.StartsWith("System.Runtime.ExceptionServices", StringComparison.Ordinal)
                || owner.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)) continue;
            yield return cell == null ? $"   at {owner}.{frame.GetMethod()?.Name}" : $"   at {NotebookMethod(owner, frame)}{cell}, line {frame.GetFileLineNumber()}";
        }
    }

    // "Submission#3+<<Initialize>>d__0" is the cell's top level; "Submission#3+<Train>d__2" is a method Train declared in a cell.
    static string NotebookMethod(string owner, StackFrame frame)
    {
        string inner = owner.Contains('+') ? owner[(owner.IndexOf('+') + 1)..] : owner;
        if (inner.Contains("<<Initialize>>") || owner.StartsWith("Submission#", StringComparison.Ordinal) && !owner.Contains('+')
            && frame.GetMethod()?.Name == "<Initialize>") return "";
        string method = inner.StartsWith('<') && inner.IndexOf('>') > 1 ? inner[1..inner.IndexOf('>')] : frame.GetMethod()?.Name ?? "?";
        return $"{method} in ";
    }
}
