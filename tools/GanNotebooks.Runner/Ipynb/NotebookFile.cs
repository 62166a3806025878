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

    /// <summary>The first line of a cell that says something, for progress lines and messages.</summary>
    public static string Headline(string source, int max = 48)
    {
        string line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
