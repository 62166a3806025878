using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanNotebooks.Runner.Tests.Support;

/// <summary>Small notebooks written by tests, and reading executed ones back.</summary>
public static class Notebooks
{
    public static JsonObject Code(string source, params string[] tags)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        if (tags.Length > 0) metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray());
        return new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = metadata, ["outputs"] = new JsonArray(), ["source"] = source,
        };
    }

    public static JsonObject Markdown(string source) =>
        new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    /// <summary>Writes a notebook with the Polyglot C# metadata (nbformat 4.4: no cell ids needed).</summary>
    public static string Write(string path, params JsonObject[] cells)
    {
        var nb = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)c).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        File.WriteAllText(path, nb.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>The cells of an executed notebook, parsed independently of the runner's code.</summary>
    public static JsonArray ReadCells(string path) => JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();

    /// <summary>A multi-line string field as nbformat stores it (a string or a list of lines), joined.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    /// <summary>What a cell shows as text: the text/plain of each output, or its stream text, one after the other.</summary>
    public static string ShownText(JsonNode cell) =>
        string.Join("\n", cell["outputs"]!.AsArray().Select(o => Text(o!["data"]?["text/plain"] ?? o["text"])));

    public static IReadOnlyList<JsonObject> Outputs(JsonArray cells, int cellNumber) =>
        cells[cellNumber - 1]!["outputs"]!.AsArray().Select(o => o!.AsObject()).ToList();
}
