using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using GanNotebooks.IO;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>What a checkpoint holds, read from its manifest without loading any tensor. Taught in notebook 07.</summary>
/// <param name="Trainer">Trainer class that saved it ("GanTrainer", "SganTrainer").</param>
/// <param name="Step">Number of completed steps.</param>
/// <param name="TrainerConfig">The run's hyperparameters (build the resuming trainer with this).</param>
/// <param name="GeneratorType">Generator class name.</param>
/// <param name="GeneratorConfigJson">Generator config as JSON (null when the network is not an INetwork).</param>
/// <param name="DiscriminatorType">Discriminator class name; null in a generator-only checkpoint.</param>
/// <param name="DiscriminatorConfigJson">Discriminator config as JSON.</param>
/// <param name="HasEma">Whether the EMA copy of the generator is inside.</param>
/// <param name="GeneratorOnly">Saved by <see cref="Checkpoint.SaveGenerator"/>: generator (and EMA copy) only, for
/// sampling; <see cref="Checkpoint.LoadGenerator"/> reads it, <see cref="Checkpoint.Load"/> cannot resume it.</param>
/// <param name="HalfPrecision">The weights are stored as float16 (loading casts them back).</param>
public sealed record CheckpointInfo(string Trainer, long Step, TrainerConfig TrainerConfig, string GeneratorType,
    string? GeneratorConfigJson, string? DiscriminatorType, string? DiscriminatorConfigJson, bool HasEma,
    bool GeneratorOnly = false, bool HalfPrecision = false);

/// <summary>A checkpoint that does not fit the networks or trainer it is loaded into; nothing was loaded. Taught in notebook 01 (saving and loading a run).</summary>
public sealed class CheckpointMismatchException : Exception
{
    /// <summary>Creates the exception from the list of differences.</summary>
    public CheckpointMismatchException(string path, IReadOnlyList<string> differences)
        : base($"The checkpoint '{path}' does not fit: {string.Join(" | ", differences)}. Nothing was loaded. " +
               "Build the networks and the trainer with the checkpoint's configs (Checkpoint.ReadInfo shows them), or start a new run.")
        => Differences = differences;

    /// <summary>Each difference, e.g. "generator config: Features = 64 in the checkpoint, 32 here".</summary>
    public IReadOnlyList<string> Differences { get; }
}

/// <summary>
/// Saves and restores a whole run in one file (a zip archive): both networks, both optimizer states (Adam or
/// RMSprop moments and step counts), the EMA generator if any, the step counter, the trainer config, the
/// network configs and the history. Loading first checks that everything fits (types, configs, state-dict keys
/// and shapes) and loads nothing if not. Writes are atomic: a crash never leaves a half-written checkpoint.
/// Taught in notebook 01 (saving and loading a run); a notebook saves its run with <see cref="Course.SaveRun"/>.
/// </summary>
/// <remarks>
/// Entries: manifest.json (JSON: format, trainer, step, configs, state-dict keys and shapes), generator.dat,
/// discriminator.dat, ema_generator.dat (TorchSharp's <c>module.save</c> format, so an extracted entry also loads
/// with <c>module.load</c>), optimizer_generator.dat, optimizer_discriminator.dat (<c>save_state_dict</c> format),
/// history.json. The random number generators are not saved: call <c>Setup.Seed</c> after loading for a
/// repeatable continuation. Tensors are loaded in place, so the optimizers keep working on CUDA too.
/// </remarks>
public static class Checkpoint
{
    const string ManifestEntry = "manifest.json", HistoryEntry = "history.json";

    /// <summary>Saves the trainer's whole state to <paramref name="path"/> (atomically; the folder must exist).</summary>
    public static void Save(string path, GanTrainerBase trainer)
    {
        var manifest = Manifest.Describe(trainer);
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, ManifestEntry, s => JsonSerializer.Serialize(s, manifest, Manifest.Json));
            WriteEntry(zip, Entry(Manifest.Generator), s => Write(s, w => trainer.Generator.save(w)));
            WriteEntry(zip, Entry(Manifest.Discriminator), s => Write(s, w => trainer.Discriminator.save(w)));
            if (trainer.Ema is not null) WriteEntry(zip, Entry(Manifest.EmaGenerator), s => Write(s, w => trainer.Ema.Model.save(w)));
            WriteEntry(zip, "optimizer_generator.dat", s => Write(s, trainer.OptimizerG.save_state_dict));
            WriteEntry(zip, "optimizer_discriminator.dat", s => Write(s, trainer.OptimizerD.save_state_dict));
            WriteEntry(zip, HistoryEntry, s => JsonSerializer.Serialize(s, trainer.History.ToList(), Manifest.Json));
        });
    }

    /// <summary>
    /// Saves only what sampling needs: the generator and, if the trainer has one, its EMA copy (weights and buffers),
    /// with the step counter and configs, but no discriminator, optimizer states or history. With
    /// <paramref name="halfPrecision"/> floating-point tensors are stored as float16, half the size;
    /// <see cref="LoadGenerator"/> casts them back. This is the form of the course checkpoints (data/course).
    /// </summary>
    public static void SaveGenerator(string path, GanTrainerBase trainer, bool halfPrecision = true)
    {
        string? storage = halfPrecision ? HalfStorage : null;
        var full = Manifest.Describe(trainer);
        var networks = full.Networks.Where(kv => kv.Key != Manifest.Discriminator)
            .ToDictionary(kv => kv.Key, kv => kv.Value with { Storage = storage });
        var manifest = full with { Networks = networks };
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, ManifestEntry, s => JsonSerializer.Serialize(s, manifest, Manifest.Json));
            WriteEntry(zip, Entry(Manifest.Generator), s => Write(s, w => SaveState(w, trainer.Generator, halfPrecision)));
            if (trainer.Ema is not null)
                WriteEntry(zip, Entry(Manifest.EmaGenerator), s => Write(s, w => SaveState(w, trainer.Ema.Model, halfPrecision)));
        });
    }

    const string HalfStorage = "float16";

    /// <summary>
    /// Restores a run saved by <see cref="Save"/> into <paramref name="trainer"/>, built with the same network
    /// configs and trainer config: weights, optimizer states, EMA, step counter and history. Metrics not read yet
    /// are dropped.
    /// </summary>
    /// <exception cref="CheckpointMismatchException">The checkpoint is of another architecture or config.</exception>
    public static void Load(string path, GanTrainerBase trainer)
    {
        using var zip = Open(path);
        var saved = ReadManifest(zip, path);
        if (!saved.Networks.ContainsKey(Manifest.Discriminator))
            throw new CheckpointMismatchException(path, ["it holds the generator only (saved for sampling, without the " +
                "discriminator and optimizer states), so training cannot continue from it; load it with Checkpoint.LoadGenerator"]);
        var diffs = saved.Differences(Manifest.Describe(trainer));
        if (diffs.Count > 0) throw new CheckpointMismatchException(path, diffs);
        LoadState(zip, Entry(Manifest.Generator), trainer.Generator);
        LoadState(zip, Entry(Manifest.Discriminator), trainer.Discriminator);
        if (trainer.Ema is not null) LoadState(zip, Entry(Manifest.EmaGenerator), trainer.Ema.Model);
        using (var r = new BinaryReader(ReadEntry(zip, "optimizer_generator.dat"))) trainer.OptimizerG.load_state_dict(r);
        using (var r = new BinaryReader(ReadEntry(zip, "optimizer_discriminator.dat"))) trainer.OptimizerD.load_state_dict(r);
        trainer.ResetMetrics();
        trainer.Steps = saved.Step;
        trainer.History.Clear();
        var history = JsonSerializer.Deserialize<List<StepResult>>(ReadEntry(zip, HistoryEntry), Manifest.Json) ?? [];
        foreach (var result in history) trainer.History.Add(result);
    }

    /// <summary>
    /// Loads only the generator's weights (or the EMA copy's, with <paramref name="useEma"/>) into
    /// <paramref name="generator"/>, e.g. to sample from a trained model without its optimizers.
    /// </summary>
    /// <exception cref="CheckpointMismatchException">The generator differs from the one saved.</exception>
    public static void LoadGenerator(string path, nn.Module generator, bool useEma = false)
    {
        using var zip = Open(path);
        var saved = ReadManifest(zip, path);
        string name = useEma ? Manifest.EmaGenerator : Manifest.Generator;
        if (!saved.Networks.TryGetValue(name, out var entry))
            throw new CheckpointMismatchException(path, [$"{name}: not in the checkpoint (it was trained without EmaDecay)"]);
        var diffs = Manifest.DiffNetwork(name, entry, NetworkEntry.Describe(generator));
        if (diffs.Count > 0) throw new CheckpointMismatchException(path, diffs);
        LoadState(zip, Entry(name), generator, entry.Storage == HalfStorage);
    }

    /// <summary>Reads the manifest: step, configs, which networks are inside.</summary>
    public static CheckpointInfo ReadInfo(string path)
    {
        using var zip = Open(path);
        var m = ReadManifest(zip, path);
        var g = m.Networks[Manifest.Generator];
        var d = m.Networks.GetValueOrDefault(Manifest.Discriminator);
        var config = m.TrainerConfig.Deserialize<TrainerConfig>(Manifest.Json)!;
        return new CheckpointInfo(m.Trainer, m.Step, config, g.Type, g.Config?.ToJsonString(), d?.Type,
            d?.Config?.ToJsonString(), m.Networks.ContainsKey(Manifest.EmaGenerator), GeneratorOnly: d is null,
            HalfPrecision: g.Storage == HalfStorage);
    }

    static string Entry(string network) => network + ".dat";

    static void WriteEntry(ZipArchive zip, string name, Action<Stream> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        write(stream);
    }

    static void Write(Stream stream, Action<BinaryWriter> write)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        write(writer);
    }

    static ZipArchive Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No checkpoint at '{Path.GetFullPath(path)}'. Check the path, or train first and save with Checkpoint.Save.", path);
        try { return ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { throw Damaged(path, e.Message); }
    }

    static Manifest ReadManifest(ZipArchive zip, string path)
    {
        try
        {
            var m = JsonSerializer.Deserialize<Manifest>(ReadEntry(zip, ManifestEntry), Manifest.Json);
            if (m is null || m.Format != Manifest.CurrentFormat) throw Damaged(path, $"unknown format '{m?.Format}'");
            return m;
        }
        catch (JsonException e) { throw Damaged(path, e.Message); }
    }

    static InvalidDataException Damaged(string path, string detail) =>
        new($"'{path}' is not a GanNotebooks checkpoint or is damaged ({detail}). Pick another file or save a new one.");

    /// <summary>The entry's bytes in memory (zip entry streams may return short reads; tensor loading needs full ones).</summary>
    static MemoryStream ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The checkpoint has no '{name}' entry: it is incomplete. Save it again.");
        var memory = new MemoryStream();
        using (var s = entry.Open()) s.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }

    /// <summary>Writes the module's state dict in <c>module.save</c>'s layout, floating-point tensors as float16 when
    /// <paramref name="half"/>.</summary>
    static void SaveState(BinaryWriter writer, nn.Module module, bool half)
    {
        var state = module.state_dict();
        writer.Write7BitEncodedInt64(state.Count);
        foreach (var (key, tensor) in state)
        {
            writer.Write(key);
            using var stored = half && tensor.is_floating_point() ? tensor.detach().to(ScalarType.Float16).cpu() : tensor.detach().cpu();
            stored.Save(writer);
        }
    }

    /// <summary>Reads a <c>module.save</c> stream into the module's existing tensors, in place (keeps optimizer references
    /// valid); with <paramref name="half"/> the floating-point tensors were stored as float16 and are cast back.</summary>
    static void LoadState(ZipArchive zip, string name, nn.Module module, bool half = false)
    {
        using var reader = new BinaryReader(ReadEntry(zip, name));
        var state = module.state_dict();
        long count = reader.Read7BitEncodedInt64();     // module.save writes the count as LEB128 = .NET 7-bit encoding
        if (count != state.Count) throw new InvalidDataException($"'{name}' holds {count} tensors, the network {state.Count}.");
        for (long i = 0; i < count; i++)
        {
            string key = reader.ReadString();
            if (!state.TryGetValue(key, out var tensor)) throw new InvalidDataException($"'{name}' holds '{key}', which the network lacks.");
            if (half && tensor.is_floating_point())
            {
                using var stored = torch.empty(tensor.shape, ScalarType.Float16);
                stored.Load(reader);
                using (torch.no_grad()) tensor.copy_(stored);
            }
            else tensor.Load(reader);
        }
    }
}
