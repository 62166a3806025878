using System.Text.Json.Nodes;
using GanNotebooks.Ipynb;
using GanNotebooks.Runner.Engines;

namespace GanNotebooks.Runner.Run;

/// <summary>Inserts the <c>injected-parameters</c> cell after the <c>parameters</c> cell (papermill's convention).</summary>
internal static class ParameterInjection
{
    /// <summary>Changes <paramref name="notebook"/> in place; throws <see cref="NotebookException"/> for bad parameters.</summary>
    public static void Apply(Notebook notebook, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0) return;
        var duplicate = values.GroupBy(v => v.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new NotebookException($"--param {duplicate.Key} is given {duplicate.Count()} times; give it once.");
        JsonArray cells = notebook.CellArray;
        var tagged = cells.Select((c, i) => (Cell: new Cell(c!.AsObject()), Index: i))
            .Where(c => c.Cell.IsCode && c.Cell.HasTag(NotebookForm.ParametersTag)).ToList();
        if (tagged.Count != 1)
            throw new NotebookException(tagged.Count == 0
                ? "--param given, but no code cell is tagged 'parameters'. Tag the cell that declares the defaults (cell metadata \"tags\": [\"parameters\"])."
                : $"--param given, but {tagged.Count} cells are tagged 'parameters'; tag exactly one.");
        var defaults = Parameters.ReadDefaults(tagged[0].Cell.Source);
        var injected = NotebookForm.NewCodeCell(Parameters.InjectedCell(values, defaults), NotebookForm.InjectedParametersTag);
        if (notebook.NeedsCellIds) injected["id"] = notebook.UniqueCellId("injected-parameters");
        cells.Insert(tagged[0].Index + 1, injected);
    }
}
