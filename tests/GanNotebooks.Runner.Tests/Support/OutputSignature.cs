using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GanNotebooks.Runner.Tests.Support;

/// <summary>
/// What a code cell shows, reduced to what must agree between our runner and the real .NET Interactive kernel: the
/// kinds of output in order (a stream by name, an error, or a display/result by its MIME types). Consecutive stream
/// outputs of one name are merged, as every Jupyter frontend shows them. The values themselves differ by design
/// (timings, ids), so they are not compared.
/// </summary>
public static partial class OutputSignature
{
    /// <summary>One code cell: its index in the executed notebook, its first source line, and its output kinds.</summary>
    public sealed record Cell(int Index, string Headline, IReadOnlyList<string> Outputs)
    {
        public override string ToString() => $"cell {Index + 1} ({Headline}): [{string.Join(", ", Outputs)}]";
    }

    /// <summary>The code cells of an executed notebook, with <see cref="KernelOnly"/> outputs left out.</summary>
    public static IReadOnlyList<Cell> Of(string executedPath)
    {
        var cells = Notebooks.ReadCells(executedPath);
        var result = new List<Cell>();
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!;
            if ((string?)cell["cell_type"] != "code") continue;
            var kinds = new List<string>();
            foreach (var output in cell["outputs"]!.AsArray())
            {
                if (KernelOnly(output!)) continue;
                string kind = Kind(output!);
                if (kind.StartsWith("stream:", StringComparison.Ordinal) && kinds.Count > 0 && kinds[^1] == kind) continue;
                kinds.Add(kind);
            }
            result.Add(new Cell(i, Headline(cell), kinds));
        }
        return result;
    }

    /// <summary>
    /// Outputs the kernel writes for its own sake, which the runner has no reason to imitate: the bootstrap script that
    /// finds the kernel's web server (first cell), the "Installed Packages" list of a <c>#r "nuget:"</c> cell, and the
    /// "Loading extensions from ..." note when a package brings a kernel extension; and the assembly-unification
    /// warnings its compiler prints on stderr (CS1701/CS1702, e.g. for any cell that calls <c>torch.tensor(...)</c>:
    /// TorchSharp, built for net8.0, names System.Runtime.Numerics 8.0 where .NET 10 has 10.0; MathNet likewise) —
    /// harmless, and in VS Code a squiggle rather than an output. Any other warning counts (the kernel shows them, so
    /// the notebooks must not cause them).
    /// </summary>
    public static bool KernelOnly(JsonNode output)
    {
        string html = Notebooks.Text(output["data"]?["text/html"]), plain = Notebooks.Text(output["data"]?["text/plain"]);
        return html.Contains("dotnet-interactive-this-cell", StringComparison.Ordinal)
            || html.Contains("<strong>Installed Packages</strong>", StringComparison.Ordinal)
            || plain.StartsWith("Loading extensions from ", StringComparison.Ordinal)
            || IsAssemblyUnificationWarning(output);
    }

    static bool IsAssemblyUnificationWarning(JsonNode output) =>
        (string?)output["output_type"] == "stream" && (string?)output["name"] == "stderr"
        && Notebooks.Text(output["text"]).Split('\n').Where(l => l.Trim().Length > 0)
            .All(l => UnificationWarning().IsMatch(l));

    [GeneratedRegex(@"^\s*warning CS170[12]: Assuming assembly reference '[^']+' used by '[^']+' matches identity")]
    private static partial Regex UnificationWarning();

    /// <summary>"stream:stdout", "error", or "display_data:image/png+text/html" (MIME types sorted).</summary>
    public static string Kind(JsonNode output) => (string?)output["output_type"] switch
    {
        "stream" => $"stream:{output["name"]}",
        "error" => "error",
        var type => $"{type}:{string.Join('+', output["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal))}",
    };

    /// <summary>Every error output and every stderr text of a notebook: "cell N: ..." lines.</summary>
    public static IReadOnlyList<string> Problems(string executedPath)
    {
        var cells = Notebooks.ReadCells(executedPath);
        var problems = new List<string>();
        for (int i = 0; i < cells.Count; i++)
            foreach (var output in cells[i]!["outputs"]?.AsArray() ?? [])
            {
                if ((string?)output!["output_type"] == "error")
                    problems.Add($"cell {i + 1}: {output["ename"]}: {output["evalue"]}");
                else if ((string?)output["output_type"] == "stream" && (string?)output["name"] == "stderr" && !KernelOnly(output))
                    problems.Add($"cell {i + 1}: stderr: {Shorten(Notebooks.Text(output["text"]))}");
            }
        return problems;
    }

    static string Headline(JsonNode cell) =>
        Shorten(Notebooks.Text(cell["source"]).Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "");

    static string Shorten(string s) => s.Length <= 70 ? s : s[..70] + "…";
}
