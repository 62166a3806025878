using System.Text.Json.Nodes;

namespace GanNotebooks.Ipynb;

/// <summary>
/// The metadata VS Code Polyglot Notebooks writes for a C# notebook, which source notebooks must carry, and the
/// cell tags the runner understands (papermill's convention).
/// </summary>
public static class NotebookForm
{
    /// <summary>Tag of the cell that holds the parameter defaults.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>Tag of the cell the runner inserts after the parameters cell for <c>--param</c> values.</summary>
    public const string InjectedParametersTag = "injected-parameters";

    /// <summary>The C# kernel's name in Polyglot Notebooks metadata.</summary>
    public const string KernelName = "csharp";

    /// <summary>Accepted <c>language_info.name</c> values: VS Code writes the first, the Jupyter kernel the second.</summary>
    public static readonly IReadOnlyList<string> LanguageInfoNames = ["polyglot-notebook", "C#"];

    /// <summary>The Jupyter kernelspec of the .NET Interactive C# kernel (<c>dotnet interactive jupyter install</c>).</summary>
    public const string KernelspecName = ".net-csharp";

    /// <summary>The kernelspec metadata of a C# notebook.</summary>
    public static JsonObject Kernelspec() => new()
    {
        ["display_name"] = ".NET (C#)",
        ["language"] = "C#",
        ["name"] = KernelspecName,
    };

    /// <summary>The language_info metadata VS Code writes.</summary>
    public static JsonObject LanguageInfo() => new() { ["name"] = "polyglot-notebook" };

    /// <summary>The C# item of metadata.polyglot_notebook.kernelInfo.items.</summary>
    public static JsonObject CSharpKernelInfoItem() => new() { ["aliases"] = new JsonArray(), ["name"] = KernelName };

    /// <summary>metadata.polyglot_notebook.kernelInfo with C# the default kernel.</summary>
    public static JsonObject KernelInfo() => new()
    {
        ["defaultKernelName"] = KernelName,
        ["items"] = new JsonArray(CSharpKernelInfoItem()),
    };

    /// <summary>Per-code-cell metadata: the current key and the one older Polyglot versions read.</summary>
    public static void SetCodeCellKernel(JsonObject metadata)
    {
        Child(metadata, "dotnet_interactive")["language"] = KernelName;
        Child(metadata, "polyglot_notebook")["kernelName"] = KernelName;
    }

    /// <summary>Whether a code cell's metadata names the C# kernel under both keys.</summary>
    public static bool HasCodeCellKernel(JsonObject metadata) =>
        Str(metadata["dotnet_interactive"]?["language"]) == KernelName
        && Str(metadata["polyglot_notebook"]?["kernelName"]) == KernelName;

    /// <summary>The object under <paramref name="key"/>, created (and stored) when missing.</summary>
    public static JsonObject Child(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject child) return child;
        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    /// <summary>The string a node holds, else null.</summary>
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>The integer a node holds, else null.</summary>
    public static int? IntValue(JsonNode? node) => node is JsonValue v && v.TryGetValue(out int i) ? i : null;

    /// <summary>A new code cell in the normal form.</summary>
    public static JsonObject NewCodeCell(string source, params string[] tags)
    {
        var metadata = new JsonObject();
        SetCodeCellKernel(metadata);
        if (tags.Length > 0) metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray());
        return new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = metadata,
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
    }
}
