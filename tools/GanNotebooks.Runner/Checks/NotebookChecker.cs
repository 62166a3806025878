using System.Text.Json.Nodes;
using GanNotebooks.Ipynb;
using GanNotebooks.Runner.Engines;
using GanNotebooks.Runner.Engines.Roslyn;

namespace GanNotebooks.Runner.Checks;

/// <summary>Something about a source notebook that needs fixing; <see cref="Fix"/> says how.</summary>
/// <param name="File">The notebook, as the user named it.</param>
/// <param name="Cell">"cell 3" (1-based), or null for the notebook as a whole.</param>
/// <param name="What">What is wrong.</param>
/// <param name="Fix">How to fix it.</param>
/// <param name="FixedByFormat">Whether <c>format</c> fixes it.</param>
public sealed record NotebookProblem(string File, string? Cell, string What, string Fix, bool FixedByFormat)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}: {(Cell == null ? "" : Cell + ": ")}{What}. Fix: {Fix}";
}

/// <summary>
/// The rules for source notebooks (stored clean and in VS Code Polyglot Notebooks' form) behind the <c>check</c> and
/// <c>format</c> verbs.
/// </summary>
public static class NotebookChecker
{
    const string RunFormat = "run `format`";
    static readonly string[] RunMetadataKeys = ["execution", "papermill"];

    /// <summary>Every problem of the notebook at <paramref name="path"/>.</summary>
    public static IReadOnlyList<NotebookProblem> Check(string path)
    {
        string text = File.ReadAllText(path);
        Notebook nb = NotebookLoader.Load(path);
        var problems = new List<NotebookProblem>();
        var add = (string? cell, string what, string? fix) => problems.Add(new(path, cell, what, fix ?? RunFormat, fix == null));
        CheckNotebookMetadata(nb, add);
        CheckCells(nb, add);
        if (nb.Serialize() != text)
            add(null, "the JSON is not in normal form (keys sorted, 1-space indent, sources as lists of lines, one trailing newline)", null);
        return problems;
    }

    /// <summary>Rewrites the notebook in normal form (atomically, only if that changes it); returns what format cannot fix.</summary>
    public static (bool Changed, IReadOnlyList<NotebookProblem> Remaining) Format(string path)
    {
        string text = File.ReadAllText(path);
        Notebook nb = NotebookLoader.Load(path);
        Normalize(nb);
        string normal = nb.Serialize();
        bool changed = normal != text;
        if (changed) JupyterJson.SaveSerialized(path, normal);
        return (changed, Check(path));
    }

    static void CheckNotebookMetadata(Notebook nb, Action<string?, string, string?> add)
    {
        if (NotebookForm.IntValue(nb.Json["nbformat"]) != 4)
            add(null, $"nbformat is {nb.Json["nbformat"]?.ToJsonString() ?? "missing"}, not 4", "save the notebook with a current Jupyter or VS Code");
        var metadata = nb.Json["metadata"] as JsonObject;
        if (!JsonNode.DeepEquals(metadata?["kernelspec"], NotebookForm.Kernelspec()))
            add(null, "metadata.kernelspec is not the .NET (C#) kernel's", null);
        if (!NotebookForm.LanguageInfoNames.Contains(NotebookForm.Str(metadata?["language_info"]?["name"]) ?? ""))
            add(null, "metadata.language_info.name is not polyglot-notebook or C#", null);
        var kernelInfo = metadata?["polyglot_notebook"]?["kernelInfo"];
        bool csharpItem = kernelInfo?["items"] is JsonArray items && items.Any(i => NotebookForm.Str(i?["name"]) == NotebookForm.KernelName);
        if (NotebookForm.Str(kernelInfo?["defaultKernelName"]) != NotebookForm.KernelName || !csharpItem)
            add(null, "metadata.polyglot_notebook.kernelInfo does not make csharp the default kernel", null);
    }

    static void CheckCells(Notebook nb, Action<string?, string, string?> add)
    {
        bool needIds = nb.NeedsCellIds;
        int parameters = 0, number = 0;
        foreach (var cell in nb.Cells)
        {
            string name = $"cell {++number}";
            if (needIds && cell.Id == null) add(name, "has no id (nbformat 4.5 requires one)", null);
            if (cell.HasTag(NotebookForm.InjectedParametersTag))
                add(name, "is an injected-parameters cell (left from an executed copy)", null);
            if (!cell.IsCode) continue;
            if (cell.HasTag(NotebookForm.ParametersTag)) parameters++;
            CheckCodeCell(cell, name, add);
        }
        if (parameters != 1)
            add(null, parameters == 0 ? "no code cell is tagged 'parameters'" : $"{parameters} code cells are tagged 'parameters'",
                "tag exactly one code cell, the one that declares the defaults, with \"parameters\" (cell metadata \"tags\": [\"parameters\"])");
    }

    static void CheckCodeCell(Cell cell, string name, Action<string?, string, string?> add)
    {
        if (cell.Json["outputs"] is not JsonArray { Count: 0 }) add(name, "has outputs (source notebooks are stored without them)", null);
        if (cell.Json["execution_count"] != null) add(name, "has an execution count", null);
        var metadata = cell.Metadata;
        if (!NotebookForm.HasCodeCellKernel(metadata))
            add(name, "lacks the C# kernel metadata (polyglot_notebook.kernelName and dotnet_interactive.language \"csharp\")", null);
        foreach (string key in RunMetadataKeys.Where(metadata.ContainsKey))
            add(name, $"has run metadata '{key}'", null);
        foreach (var problem in CellSource.Prepare(cell.Source, PackageCatalog.Embedded).Problems)
            add(name, $"line {problem.Line}: {problem.Message}", "edit the line as the message says");
    }

    /// <summary>Applies every fix marked <see cref="NotebookProblem.FixedByFormat"/>.</summary>
    internal static void Normalize(Notebook nb)
    {
        var metadata = NotebookForm.Child(nb.Json, "metadata");
        metadata["kernelspec"] = NotebookForm.Kernelspec();
        if (!NotebookForm.LanguageInfoNames.Contains(NotebookForm.Str(metadata["language_info"]?["name"]) ?? ""))
            metadata["language_info"] = NotebookForm.LanguageInfo();
        NormalizeKernelInfo(NotebookForm.Child(metadata, "polyglot_notebook"));
        foreach (var injected in nb.Cells.Where(c => c.HasTag(NotebookForm.InjectedParametersTag)))
            nb.CellArray.Remove(injected.Json);
        bool needIds = nb.NeedsCellIds;
        foreach (var cell in nb.Cells)
        {
            if (needIds && cell.Id == null) cell.Id = nb.UniqueCellId(Guid.NewGuid().ToString("N")[..8]);
            if (!cell.IsCode) continue;
            cell.SetOutputs([], executionCount: null);
            var cellMetadata = NotebookForm.Child(cell.Json, "metadata");
            NotebookForm.SetCodeCellKernel(cellMetadata);
            foreach (string key in RunMetadataKeys) cellMetadata.Remove(key);
        }
    }

    static void NormalizeKernelInfo(JsonObject polyglot)
    {
        var kernelInfo = NotebookForm.Child(polyglot, "kernelInfo");
        kernelInfo["defaultKernelName"] = NotebookForm.KernelName;
        if (kernelInfo["items"] is not JsonArray items) kernelInfo["items"] = items = [];
        var csharp = items.OfType<JsonObject>().FirstOrDefault(i => NotebookForm.Str(i["name"]) == NotebookForm.KernelName);
        if (csharp == null) items.Insert(0, NotebookForm.CSharpKernelInfoItem());
        else if (csharp["aliases"] is not JsonArray) csharp["aliases"] = new JsonArray();
    }
}
