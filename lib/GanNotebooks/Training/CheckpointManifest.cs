using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GanNotebooks.Models;
using TorchSharp;

namespace GanNotebooks.Training;

/// <summary>One tensor of a saved state dict: its key and shape.</summary>
internal sealed record TensorEntry(string Name, long[] Shape);

/// <summary>What a checkpoint says about one network: class name, config (null if not an INetwork) and state-dict layout.</summary>
/// <param name="Type">The network's class name.</param>
/// <param name="Config">Its config as JSON (null if not an INetwork).</param>
/// <param name="State">Its state dict's keys and shapes.</param>
/// <param name="Storage">How its tensors are stored: null for as they are (float32), "float16" for a half-precision copy
/// (<see cref="Checkpoint.SaveGenerator"/>; loading casts back to the network's type).</param>
internal sealed record NetworkEntry(string Type, JsonNode? Config, List<TensorEntry> State, string? Storage = null)
{
    internal static NetworkEntry Describe(torch.nn.Module module) => new(
        module.GetType().Name,
        module is INetwork n ? Manifest.ToJson(n.Config) : null,
        module.state_dict().Select(kv => new TensorEntry(kv.Key, kv.Value.shape)).ToList());
}

/// <summary>manifest.json of a checkpoint: everything needed to check that it fits before loading any tensor.</summary>
internal sealed record Manifest(string Format, string Trainer, long Step, JsonNode TrainerConfig,
    Dictionary<string, NetworkEntry> Networks)
{
    internal const string CurrentFormat = "GanNotebooks.Checkpoint/1";
    internal const string Generator = "generator", Discriminator = "discriminator", EmaGenerator = "ema_generator";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    internal static JsonNode ToJson(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), Json)!;

    internal static Manifest Describe(GanTrainerBase trainer)
    {
        var networks = new Dictionary<string, NetworkEntry>
        {
            [Generator] = NetworkEntry.Describe(trainer.Generator),
            [Discriminator] = NetworkEntry.Describe(trainer.Discriminator),
        };
        if (trainer.Ema is not null) networks[EmaGenerator] = NetworkEntry.Describe(trainer.Ema.Model);
        return new Manifest(CurrentFormat, trainer.GetType().Name, trainer.Steps, ToJson(trainer.Config), networks);
    }

    /// <summary>Every way in which <paramref name="here"/> (the trainer being loaded into) differs from this checkpoint.</summary>
    internal List<string> Differences(Manifest here)
    {
        var diffs = new List<string>();
        if (Trainer != here.Trainer) diffs.Add($"trainer: {Trainer} in the checkpoint, {here.Trainer} here");
        diffs.AddRange(DiffJson("trainer config", TrainerConfig, here.TrainerConfig));
        foreach (var name in Networks.Keys.Union(here.Networks.Keys))
        {
            if (!Networks.TryGetValue(name, out var saved)) diffs.Add($"{name}: not in the checkpoint");
            else if (!here.Networks.TryGetValue(name, out var current)) diffs.Add($"{name}: in the checkpoint, not in this trainer");
            else diffs.AddRange(DiffNetwork(name, saved, current));
        }
        return diffs;
    }

    internal static List<string> DiffNetwork(string name, NetworkEntry saved, NetworkEntry current)
    {
        var diffs = new List<string>();
        if (saved.Type != current.Type) diffs.Add($"{name} type: {saved.Type} in the checkpoint, {current.Type} here");
        if (saved.Config is not null && current.Config is not null)
            diffs.AddRange(DiffJson($"{name} config", saved.Config, current.Config));
        var savedShapes = saved.State.ToDictionary(t => t.Name, t => t.Shape);
        var currentShapes = current.State.ToDictionary(t => t.Name, t => t.Shape);
        var missing = currentShapes.Keys.Except(savedShapes.Keys).ToList();
        var unexpected = savedShapes.Keys.Except(currentShapes.Keys).ToList();
        if (missing.Count > 0) diffs.Add($"{name} state: missing in the checkpoint: {List(missing)}");
        if (unexpected.Count > 0) diffs.Add($"{name} state: in the checkpoint but not in the network: {List(unexpected)}");
        var shapes = savedShapes.Keys.Intersect(currentShapes.Keys)
            .Where(k => !savedShapes[k].SequenceEqual(currentShapes[k]))
            .Select(k => $"{k} [{string.Join(", ", savedShapes[k])}] in the checkpoint, [{string.Join(", ", currentShapes[k])}] here")
            .ToList();
        if (shapes.Count > 0) diffs.Add($"{name} shapes: {List(shapes)}");
        return diffs;
    }

    static IEnumerable<string> DiffJson(string what, JsonNode saved, JsonNode current)
    {
        if (saved is not JsonObject a || current is not JsonObject b)
        {
            if (!JsonNode.DeepEquals(saved, current)) yield return $"{what}: {saved.ToJsonString()} in the checkpoint, {current.ToJsonString()} here";
            yield break;
        }
        foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
        {
            var x = a[key];
            var y = b[key];
            if (!JsonNode.DeepEquals(x, y))
                yield return $"{what}: {key} = {Show(x)} in the checkpoint, {Show(y)} here";
        }
    }

    static string Show(JsonNode? node) => node?.ToJsonString() ?? "(absent)";

    static string List(List<string> items) =>
        string.Join("; ", items.Take(5)) + (items.Count > 5 ? $"; and {items.Count - 5} more" : "");
}
