using System.Text;
using System.Text.Json.Nodes;

namespace GanNotebooks.Runner.Ipynb;

/// <summary>Reading and writing .ipynb files, and the few cell accessors the runner needs.</summary>
internal static class NotebookFile
{
    static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static JsonObject Load(string path)
    {
        try
        {
            return JupyterJson.Parse(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            throw new NotebookException($"{path}: cannot read the notebook ({e.Message}). Fix the JSON (open it in VS Code, or restore it from git).");
        }
    }

    /// <summary>Writes <paramref name="text"/> to a temp file next to <paramref name="path"/>, then renames it over.</summary>
    public static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tmp = full + $".{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(tmp, text, Utf8NoBom);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    public static void Save(string path, JsonObject notebook) => WriteAtomically(path, JupyterJson.Serialize(notebook));

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
