using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanNotebooks.Export;

/// <summary>The parts of an nbformat 4 notebook that the export renders.</summary>
internal sealed record Notebook(IReadOnlyList<Cell> Cells, JsonObject Metadata)
{
    /// <summary>Parses nbformat 4 JSON; <paramref name="source"/> names the file in error messages.</summary>
    /// <exception cref="InvalidDataException">Not JSON, or not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw NotANotebook(source, $"it is not valid JSON ({e.Message})");
        }
        if (root is not JsonObject notebook)
            throw NotANotebook(source, "its JSON is not an object");
        if (notebook["nbformat"] is not JsonValue format || !format.TryGetValue(out int major))
            throw NotANotebook(source, "it has no \"nbformat\" number");
        if (major != 4)
            throw NotANotebook(source, $"it is nbformat {major}; the export reads nbformat 4 (convert it with `jupyter nbconvert --to notebook`)");
        if (notebook["cells"] is not JsonArray cells)
            throw NotANotebook(source, "it has no \"cells\" array");
        var parsed = cells.Select((c, i) => Cell.Parse(c as JsonObject ?? throw NotANotebook(source, $"cell {i} is not an object"))).ToArray();
        return new Notebook(parsed, notebook["metadata"] as JsonObject ?? []);
    }

    static InvalidDataException NotANotebook(string source, string why) =>
        new($"'{source}' is not an nbformat 4 notebook: {why}. The export reads an executed .ipynb, as written by our runner, Jupyter or VS Code.");

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
