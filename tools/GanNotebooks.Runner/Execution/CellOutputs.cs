using System.Text.Json.Nodes;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// The outputs of one cell as nbformat 4 output objects, in the order they happened: stream text (consecutive writes
/// to the same stream merge), display_data (updatable in place by display id), execute_result and error.
/// Thread-safe: a cell may write from background threads.
/// </summary>
internal sealed class CellOutputs
{
    readonly object _gate = new();
    readonly List<JsonObject> _outputs = [];
    readonly Dictionary<string, JsonObject> _displays = [];

    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_outputs.Count > 0 && _outputs[^1] is { } last
                && last["output_type"]!.GetValue<string>() == "stream" && last["name"]!.GetValue<string>() == name)
            {
                last["text"] = last["text"]!.GetValue<string>() + text;
                return;
            }
            _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    /// <summary>Adds a display_data output and returns its display id.</summary>
    public string AddDisplay(JsonObject data)
    {
        string id = Guid.NewGuid().ToString("N");
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
        lock (_gate)
        {
            _outputs.Add(output);
            _displays[id] = output;
        }
        return id;
    }

    /// <summary>Replaces the data of the display <paramref name="displayId"/>, where it stands among the outputs.</summary>
    public void UpdateDisplay(string displayId, JsonObject data)
    {
        lock (_gate)
        {
            if (_displays.TryGetValue(displayId, out var output)) output["data"] = data;
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
        lock (_gate) _outputs.Add(output);
    }

    /// <summary>A snapshot for the notebook file.</summary>
    public JsonArray ToJson()
    {
        lock (_gate) return new JsonArray(_outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
    }
}
