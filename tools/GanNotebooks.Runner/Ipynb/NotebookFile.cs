using System.Text.Json.Nodes;
using GanNotebooks.Export.Ipynb;

namespace GanNotebooks.Runner.Ipynb;

/// <summary>Reading and writing .ipynb files (through the exporter's <see cref="JupyterJson"/>), and the few cell accessors the runner needs.</summary>
internal static class NotebookFile
{
    public static JsonObject Load(string path)
    {
        try
        {
            return JupyterJson.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new NotebookException($"cannot read the notebook: {e.Message} Fix the JSON (open it in VS Code, or restore it from git).");
        }
    }

    public static void Save(string path, JsonObject notebook) => JupyterJson.Save(path, notebook);

    public static JsonArray Cells(JsonObject notebook) => notebook["cells"]!.AsArray();

    public static string CellType(JsonObject cell) => cell["cell_type"]?.GetValue<string>() ?? "";

    public static bool IsCode(JsonObject cell) => CellType(cell) == "code";

    public static string Source(JsonObject cell) => cell["source"] is JsonValue v && v.TryGetValue(out string? s) ? s : "";

    public static JsonObject Metadata(JsonObject cell)
    {
        if (cell["metadata"] is JsonObject m) return m;
        var created = new JsonObject();
        cell["metadata"] = created;
        return created;
    }

    public static IReadOnlyList<string> Tags(JsonObject cell) =>
        cell["metadata"]?["tags"] is JsonArray tags
            ? tags.Select(t => t is JsonValue v && v.TryGetValue(out string? s) ? s : "").ToList()
            : [];

    public static bool HasTag(JsonObject cell, string tag) => Tags(cell).Contains(tag);

    /// <summary>
    /// The code cells of <paramref name="notebook"/>, named the way both engines (runner and real kernel) report them:
    /// "cell N", N counting the source notebook's cells (an injected parameters cell is not one of them), or
    /// "injected parameters cell".
    /// </summary>
    public static IReadOnlyList<CodeCell> CodeCells(JsonObject notebook)
    {
        var cells = Cells(notebook);
        var code = new List<CodeCell>();
        int sourceNumber = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!.AsObject();
            bool injected = HasTag(cell, NotebookForm.InjectedParametersTag);
            if (!injected) sourceNumber++;
            if (IsCode(cell)) code.Add(new CodeCell(i, sourceNumber, injected, Source(cell)));
        }
        return code;
    }

    /// <summary>The first line of a cell that says something, for progress lines and messages.</summary>
    public static string Headline(string source, int max = 48)
    {
        string line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}

/// <summary>A code cell by its place: <see cref="Index"/> in the notebook, <see cref="SourceNumber"/> in the source notebook.</summary>
internal sealed record CodeCell(int Index, int SourceNumber, bool Injected, string Source)
{
    /// <summary>"cell 7" or "injected parameters cell", as messages name it.</summary>
    public string Name => Injected ? "injected parameters cell" : $"cell {SourceNumber}";

    /// <summary>The start of its progress line: "  [ 3/25] cell 7    Setup.Seed(seed);   ".</summary>
    public string ProgressPrefix(int k, int of) =>
        $"  [{k,2}/{of}] {(Injected ? "params" : Name),-8} {NotebookFile.Headline(Source),-48} ";
}
