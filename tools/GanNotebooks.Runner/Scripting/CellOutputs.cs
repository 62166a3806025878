using System.Text.Json.Nodes;

namespace GanNotebooks.Runner.Scripting;

/// <summary>
/// The outputs of one cell as nbformat 4 output objects, in the order they happened: stream text (consecutive writes
/// to the same stream merge), display_data (updatable in place by display id), execute_result and error.
/// Thread-safe: a cell may write from background threads.
/// </summary>
internal sealed class CellOutputs
{
    readonly object gate = new();
    readonly List<JsonObject> outputs = [];
    readonly Dictionary<string, JsonObject> displays = [];
    string? latest;
    int version;

    /// <summary>
    /// The latest thing the cell showed, as one line: the text/plain of the display added or updated last, or the
    /// last line written to a stream (after its last carriage return). For the console while a long cell runs.
    /// </summary>
    public string? Latest
    {
        get { lock (gate) return latest; }
    }

    /// <summary>Counts changes, so a reader can tell whether anything happened since it last looked.</summary>
    public int Version
    {
        get { lock (gate) return version; }
    }

    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (gate)
        {
            Changed(LastLine(text));
            if (outputs.Count > 0 && outputs[^1] is { } last
                && last["output_type"]!.GetValue<string>() == "stream" && last["name"]!.GetValue<string>() == name)
            {
                last["text"] = last["text"]!.GetValue<string>() + text;
                return;
            }
            outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    /// <summary>Adds a display_data output and returns its display id.</summary>
    public string AddDisplay(JsonObject data)
    {
        string id = Guid.NewGuid().ToString("N");
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
        lock (gate)
        {
            outputs.Add(output);
            displays[id] = output;
            Changed(PlainText(data));
        }
        return id;
    }

    /// <summary>Replaces the data of the display <paramref name="displayId"/>, where it stands among the outputs.</summary>
    public void UpdateDisplay(string displayId, JsonObject data)
    {
        lock (gate)
        {
            if (!displays.TryGetValue(displayId, out var output)) return;
            output["data"] = data;
            Changed(PlainText(data));
        }
    }

    public void AddExecuteResult(JsonObject data, int executionCount) => Add(new JsonObject
    {
        ["output_type"] = "execute_result", ["data"] = data, ["metadata"] = new JsonObject(), ["execution_count"] = executionCount,
    });

    public void AddError(string ename, string evalue, IEnumerable<string> traceback) => Add(new JsonObject
    {
        ["output_type"] = "error", ["ename"] = ename, ["evalue"] = evalue,
        ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode)t).ToArray()),
    });

    void Add(JsonObject output)
    {
        lock (gate)
        {
            outputs.Add(output);
            version++;
        }
    }

    void Changed(string? latest)
    {
        version++;
        if (!string.IsNullOrWhiteSpace(latest)) this.latest = latest.Trim();
    }

    static string? PlainText(JsonObject data) => data["text/plain"] is JsonValue v && v.TryGetValue(out string? s) ? LastLine(s) : null;

    static string? LastLine(string text) =>
        text.Split('\n').Select(l => l[(l.LastIndexOf('\r') + 1)..]).LastOrDefault(l => l.Trim().Length > 0);

    /// <summary>A snapshot for the notebook file.</summary>
    public JsonArray ToJson()
    {
        lock (gate) return new JsonArray(outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
    }
}
