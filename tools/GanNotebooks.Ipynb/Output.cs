using System.Text.Json.Nodes;

namespace GanNotebooks.Ipynb;

/// <summary>One output of a code cell, a typed view over its JSON.</summary>
public sealed class Output(JsonObject json)
{
    /// <summary>The output's JSON in the notebook.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>"stream", "display_data", "execute_result" or "error".</summary>
    public string Type => Notebook.Text(Json["output_type"]);

    /// <summary>execute_result / display_data: MIME type → content.</summary>
    public JsonObject Data => Json["data"] as JsonObject ?? [];

    /// <summary>A stream's name: "stdout" or "stderr".</summary>
    public string StreamName => Notebook.Text(Json["name"]);

    /// <summary>A stream's text (joined when stored as lines).</summary>
    public string StreamText => Notebook.Text(Json["text"]);

    /// <summary>An execute_result's execution count.</summary>
    public int? ExecutionCount => NotebookForm.IntValue(Json["execution_count"]);
}
