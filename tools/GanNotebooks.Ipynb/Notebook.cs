using System.Text.Json.Nodes;

namespace GanNotebooks.Ipynb;

/// <summary>
/// An nbformat 4 notebook: the JSON document itself (<see cref="Json"/>, what is read and written, so that nothing the
/// model does not know is lost) seen through typed cells, outputs and metadata. The runner edits it, the exporter and
/// the student edition read it; all three load and save it through <see cref="JupyterJson"/>.
/// </summary>
public sealed class Notebook(JsonObject json)
{
    /// <summary>The document: top-level metadata, nbformat and the "cells" array, multi-line text joined.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>Parses nbformat 4 JSON (see <see cref="JupyterJson.Parse"/>); <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">Not JSON, or not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string text, string source = "the notebook") => new(JupyterJson.Parse(text, source));

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">Not JSON, or not an nbformat 4 notebook.</exception>
    public static Notebook Load(string path) => new(JupyterJson.Load(path));

    /// <summary>Writes the canonical text atomically (see <see cref="JupyterJson.Save"/>).</summary>
    public void Save(string path) => JupyterJson.Save(path, Json);

    /// <summary>The canonical text (see <see cref="JupyterJson.Serialize"/>).</summary>
    public string Serialize() => JupyterJson.Serialize(Json);

    /// <summary>
    /// This notebook, once it is known to be complete enough to render: an nbformat number and every cell an object.
    /// (The runner also reads notebooks that lack these, to say so in its <c>check</c>.)
    /// </summary>
    /// <exception cref="InvalidDataException">Either is missing; the message says which.</exception>
    public Notebook RequireComplete(string source)
    {
        JupyterJson.RequireNbformat(Json, source);
        for (int i = 0; i < CellArray.Count; i++)
            if (CellArray[i] is not JsonObject)
                throw new InvalidDataException($"'{source}' is not an nbformat 4 notebook: cell {i} is not an object.");
        return this;
    }

    /// <summary>The "cells" array, for inserting and removing cells (<see cref="JupyterJson.Parse"/> checked it is there).</summary>
    public JsonArray CellArray => Json["cells"]!.AsArray();

    /// <summary>The cells, in order, as typed views over their JSON (changes to a view change the document).</summary>
    public IReadOnlyList<Cell> Cells => CellArray.OfType<JsonObject>().Select(c => new Cell(c)).ToList();

    /// <summary>The cell at <paramref name="index"/> of <see cref="CellArray"/>.</summary>
    public Cell CellAt(int index) => new(CellArray[index]!.AsObject());

    /// <summary>The top-level metadata (an empty object, not stored, when the notebook has none).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? [];

    /// <summary>How the notebook was executed (<c>metadata.gannotebooks.executed</c>), or null.</summary>
    public ExecutionInfo? Execution => ExecutionInfo.From(Json["metadata"] as JsonObject);

    /// <summary>Stores <paramref name="info"/> as the notebook's execution record, replacing an earlier one.</summary>
    public void Stamp(ExecutionInfo info) => info.WriteTo(NotebookForm.Child(Json, "metadata"));

    /// <summary>nbformat 4.5 and later require a unique <c>id</c> on every cell.</summary>
    public bool NeedsCellIds => NotebookForm.IntValue(Json["nbformat"]) == 4 && NotebookForm.IntValue(Json["nbformat_minor"]) >= 5;

    /// <summary><paramref name="wanted"/>, or it with "-2", "-3"… until no cell has that id.</summary>
    public string UniqueCellId(string wanted)
    {
        var taken = CellArray.Select(c => NotebookForm.Str(c?["id"])).ToHashSet();
        string id = wanted;
        for (int n = 2; taken.Contains(id); n++) id = $"{wanted}-{n}";
        return id;
    }

    /// <summary>
    /// The code cells, named the way both engines (runner and real kernel) report them: "cell N", N counting the source
    /// notebook's cells (an injected parameters cell is not one of them), or "injected parameters cell".
    /// </summary>
    public IReadOnlyList<CodeCell> CodeCells()
    {
        var code = new List<CodeCell>();
        int sourceNumber = 0;
        for (int i = 0; i < CellArray.Count; i++)
        {
            var cell = CellAt(i);
            bool injected = cell.HasTag(NotebookForm.InjectedParametersTag);
            if (!injected) sourceNumber++;
            if (cell.IsCode) code.Add(new CodeCell(i, sourceNumber, injected, cell.Source));
        }
        return code;
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
