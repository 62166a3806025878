using System.Text.Json.Nodes;

namespace GanNotebooks.Ipynb;

/// <summary>One cell (markdown, code or raw), a typed view over its JSON: reading and setting go to the document.</summary>
public sealed class Cell(JsonObject json)
{
    /// <summary>The cell's JSON in the notebook.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>"markdown", "code" or "raw".</summary>
    public string Type => Notebook.Text(Json["cell_type"]);

    /// <summary>A code cell.</summary>
    public bool IsCode => Type == "code";

    /// <summary>The source text (joined when stored as lines).</summary>
    public string Source
    {
        get => Notebook.Text(Json["source"]);
        set => Json["source"] = value;
    }

    /// <summary>The cell's metadata (an empty object, not stored, when it has none).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? [];

    /// <summary>The cell's tags (metadata.tags).</summary>
    public IReadOnlyList<string> Tags => (Json["metadata"]?["tags"] as JsonArray ?? []).Select(Notebook.Text).ToList();

    /// <summary>Whether metadata.tags holds <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag);

    /// <summary>The cell's nbformat 4.5 id, if it has one.</summary>
    public string? Id
    {
        get => NotebookForm.Str(Json["id"]);
        set => Json["id"] = value;
    }

    /// <summary>The execution count of a code cell (null: not run); setting stores it, null included.</summary>
    public int? ExecutionCount
    {
        get => NotebookForm.IntValue(Json["execution_count"]);
        set => Json["execution_count"] = value;
    }

    /// <summary>The outputs of a code cell.</summary>
    public IReadOnlyList<Output> Outputs => (Json["outputs"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new Output(o)).ToList();

    /// <summary>Replaces the outputs and the execution count (a run's result; <c>[]</c> and null: not run).</summary>
    public void SetOutputs(JsonArray outputs, int? executionCount)
    {
        Json["outputs"] = outputs;
        ExecutionCount = executionCount;
    }

    /// <summary>The attachments of a markdown cell (images pasted into it), or null.</summary>
    public JsonObject? Attachments => Json["attachments"] as JsonObject;

    /// <summary>
    /// The cell's language: Polyglot Notebooks keeps it in metadata.polyglot_notebook.kernelName (older files:
    /// metadata.dotnet_interactive.language); C# when neither says otherwise.
    /// </summary>
    public string Language =>
        Notebook.Text(Metadata["polyglot_notebook"]?["kernelName"]) is { Length: > 0 } kernel ? kernel
        : Notebook.Text(Metadata["dotnet_interactive"]?["language"]) is { Length: > 0 } language ? language
        : "csharp";

    /// <summary>The Polyglot kernel the cell names in metadata.polyglot_notebook.kernelName, or null.</summary>
    public string? KernelName => NotebookForm.Str(Json["metadata"]?["polyglot_notebook"]?["kernelName"]);
}
