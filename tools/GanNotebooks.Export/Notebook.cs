using System.Text.Json.Nodes;
using GanNotebooks.Export.Ipynb;

namespace GanNotebooks.Export;

/// <summary>The parts of an nbformat 4 notebook that the export renders.</summary>
internal sealed record Notebook(IReadOnlyList<Cell> Cells, JsonObject Metadata)
{
    /// <summary>Parses nbformat 4 JSON; <paramref name="source"/> names the file in error messages.</summary>
    /// <exception cref="InvalidDataException">Not JSON, or not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json, string source) => From(JupyterJson.Parse(json, source), source);

    /// <summary>The export's view of a notebook read by <see cref="JupyterJson"/>.</summary>
    public static Notebook From(JsonObject notebook, string source)
    {
        JupyterJson.RequireNbformat(notebook, source);
        var cells = notebook["cells"]!.AsArray();
        var parsed = cells.Select((c, i) => Cell.Parse(c as JsonObject
            ?? throw new InvalidDataException($"'{source}' is not an nbformat 4 notebook: cell {i} is not an object."))).ToArray();
        return new Notebook(parsed, notebook["metadata"] as JsonObject ?? []);
    }

    /// <summary>nbformat's "multiline string": a string, or an array of strings to concatenate.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => node.ToJsonString(),
    };
}

/// <summary>One cell: markdown, code or raw.</summary>
internal sealed record Cell(string Type, string Source, JsonObject Metadata, int? ExecutionCount,
    IReadOnlyList<Output> Outputs, JsonObject? Attachments)
{
    public static Cell Parse(JsonObject cell)
    {
        int? count = cell["execution_count"] is JsonValue v && v.TryGetValue(out int n) ? n : null;
        var outputs = (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>().Select(Output.Parse).ToArray();
        return new Cell(Notebook.Text(cell["cell_type"]), Notebook.Text(cell["source"]), cell["metadata"] as JsonObject ?? [],
            count, outputs, cell["attachments"] as JsonObject);
    }

    /// <summary>The cell's tags (metadata.tags).</summary>
    public IReadOnlyList<string> Tags => (Metadata["tags"] as JsonArray ?? []).Select(Notebook.Text).ToList();

    /// <summary>
    /// The cell's language: Polyglot Notebooks keeps it in metadata.polyglot_notebook.kernelName (older files:
    /// metadata.dotnet_interactive.language); C# when neither says otherwise.
    /// </summary>
    public string Language =>
        Notebook.Text(Metadata["polyglot_notebook"]?["kernelName"]) is { Length: > 0 } kernel ? kernel
        : Notebook.Text(Metadata["dotnet_interactive"]?["language"]) is { Length: > 0 } language ? language
        : "csharp";
}

/// <summary>One output of a code cell.</summary>
internal sealed record Output(string Type, JsonObject Raw)
{
    public static Output Parse(JsonObject output) => new(Notebook.Text(output["output_type"]), output);

    /// <summary>execute_result / display_data: MIME type → content.</summary>
    public JsonObject Data => Raw["data"] as JsonObject ?? [];

    public string StreamName => Notebook.Text(Raw["name"]);

    public string StreamText => Notebook.Text(Raw["text"]);

    public int? ExecutionCount => Raw["execution_count"] is JsonValue v && v.TryGetValue(out int n) ? n : null;
}
