using System.Text.Json.Nodes;
using GanNotebooks.Runner.Ipynb;

namespace GanNotebooks.Runner.Execution;

/// <summary>Inserts the <c>injected-parameters</c> cell after the <c>parameters</c> cell (papermill's convention).</summary>
internal static class ParameterInjection
{
    /// <summary>Changes <paramref name="notebook"/> in place; throws <see cref="NotebookException"/> for bad parameters.</summary>
    public static void Apply(JsonObject notebook, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0) return;
        var duplicate = values.GroupBy(v => v.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new NotebookException($"--param {duplicate.Key} is given {duplicate.Count()} times; give it once.");
        JsonArray cells = NotebookFile.Cells(notebook);
        var tagged = cells.Select((c, i) => (Cell: c!.AsObject(), Index: i))
            .Where(c => NotebookFile.IsCode(c.Cell) && NotebookFile.HasTag(c.Cell, NotebookForm.ParametersTag)).ToList();
        if (tagged.Count != 1)
            throw new NotebookException(tagged.Count == 0
                ? "--param given, but no code cell is tagged 'parameters'. Tag the cell that declares the defaults (cell metadata \"tags\": [\"parameters\"])."
                : $"--param given, but {tagged.Count} cells are tagged 'parameters'; tag exactly one.");
        var defaults = Parameters.ReadDefaults(NotebookFile.Source(tagged[0].Cell));
        var injected = NotebookForm.NewCodeCell(Parameters.InjectedCell(values, defaults), NotebookForm.InjectedParametersTag);
        if (NeedsCellIds(notebook)) injected["id"] = UniqueId(cells, "injected-parameters");
        cells.Insert(tagged[0].Index + 1, injected);
    }

    /// <summary>nbformat 4.5 and later require a unique <c>id</c> on every cell.</summary>
    internal static bool NeedsCellIds(JsonObject notebook) =>
        NotebookForm.Int(notebook["nbformat"]) == 4 && NotebookForm.Int(notebook["nbformat_minor"]) >= 5;

    internal static string UniqueId(JsonArray cells, string wanted)
    {
        var taken = cells.Select(c => NotebookForm.Str(c?["id"])).ToHashSet();
        string id = wanted;
        for (int n = 2; taken.Contains(id); n++) id = $"{wanted}-{n}";
        return id;
    }
}
