using System.Globalization;
using System.Text.Json;
using GanNotebooks.Display;
using GanNotebooks.IO;
using GanNotebooks.Models;
using GanNotebooks.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks;

/// <summary>
/// One course checkpoint as its manifest describes it: which run made it, how long it trained, where, and how good it
/// is. The numbers are the course build's own measurements.
/// </summary>
/// <param name="Name">The checkpoint's name, the file without ".zip" (e.g. "02-dcgan").</param>
/// <param name="Chapter">The notebook it belongs to ("02").</param>
/// <param name="Title">The model, e.g. "DCGAN".</param>
/// <param name="Recipe">What trained it, e.g. "10 epochs, batch 128, features 32, Adam 2e-4, β1 0.5".</param>
/// <param name="Steps">Trainer steps (critic updates for the WGANs).</param>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="TrainSeconds">Training wall time, scoring excluded.</param>
/// <param name="Machine">Where, e.g. "2-core CPU (Intel Xeon …), 1 libtorch thread".</param>
/// <param name="Date">When (UTC, yyyy-MM-dd).</param>
/// <param name="Dataset">The training set ("fashion-mnist").</param>
/// <param name="Samples">Images the scores were measured on.</param>
/// <param name="Fid">FID on the shipped classifier's features against the test split, of the file's weights.</param>
/// <param name="Score">Classifier Score of the file's weights.</param>
/// <param name="EmaFid">The EMA generator's FID, when the file has one.</param>
/// <param name="EmaScore">The EMA generator's Classifier Score.</param>
/// <param name="Sha256">SHA-256 of the file: a checkpoint that does not match is refused.</param>
/// <param name="MadeBy">The command that made it.</param>
public sealed record CourseCheckpoint(string Name, string Chapter, string Title, string Recipe, long Steps, double Epochs,
    double TrainSeconds, string Machine, string Date, string Dataset, int Samples, double Fid, double Score,
    double? EmaFid, double? EmaScore, string Sha256, string MadeBy)
{
    /// <summary>E.g. "course checkpoint: DCGAN, 10 epochs, batch 128, features 32 on a 2-core CPU, 4 min 40 s, FID 38.6".</summary>
    public string Label => string.Format(CultureInfo.InvariantCulture, "course checkpoint: {0}, {1} on {2}, {3} of training, FID {4:F1}, score {5:F2}",
        Title, Recipe, Machine, Duration.Format(TrainSeconds, tenths: false), Fid, Score);
}

/// <summary>
/// The course checkpoints: each training chapter's generator trained with its full recipe by the course build, kept in
/// <c>data/course/</c> (generator-only, float16; see <see cref="Checkpoint.SaveGenerator"/>) with
/// <c>manifest.json</c>, so that a class sees full results in seconds after its own short live run. A missing, damaged
/// or mismatched file is an error that says what to do, never a silent fallback. Course policy, not library.
/// </summary>
public static class CourseCheckpoints
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "manifest.json";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The repository's <c>data/course/</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">Outside the course repository.</exception>
    public static string Folder => Path.Combine(CourseRepository.DataFolder() ?? throw new DirectoryNotFoundException(
        "The course checkpoints live in the course repository's data/course/ folder, and no GanNotebooks.sln was found above " +
        "the current folder or the library. Open the notebook from its place in the repository."), "course");

    /// <summary>Every entry of <paramref name="folder"/>'s manifest (default <see cref="Folder"/>).</summary>
    public static IReadOnlyList<CourseCheckpoint> Manifest(string? folder = null)
    {
        string path = Path.Combine(folder ?? Folder, ManifestFile);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No course checkpoint manifest at {path}. Restore data/course/ from git " +
                "(git checkout -- data/course) or rebuild it with tools/build-course.sh.", path);
        try { return JsonSerializer.Deserialize<List<CourseCheckpoint>>(File.ReadAllText(path), Json) ?? []; }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is damaged ({e.Message}). Restore it with git checkout -- data/course.", e);
        }
    }

    /// <summary>The manifest entry named <paramref name="name"/> (e.g. "02-dcgan").</summary>
    public static CourseCheckpoint Entry(string name, string? folder = null)
    {
        var all = Manifest(folder);
        return all.FirstOrDefault(e => e.Name == name) ?? throw new KeyNotFoundException(
            $"The course has no checkpoint named '{name}'. There are: {string.Join(", ", all.Select(e => e.Name))}.");
    }

    /// <summary>
    /// Loads the course checkpoint <paramref name="name"/>: checks the file against its manifest entry (SHA-256), builds
    /// the generator it was saved from and loads its weights (or the EMA copy's, with <paramref name="useEma"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file does not match its manifest entry (damaged or replaced).</exception>
    public static CourseGenerator Load(string name, Device device, bool useEma = false, string? folder = null)
    {
        folder ??= Folder;
        var entry = Entry(name, folder);
        string path = Path.Combine(folder, name + ".zip");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The course checkpoint {path} is missing. Restore it with git checkout -- {Relative(path)} " +
                "or rebuild it with tools/build-course.sh.", path);
        string sha = Sha256Of(path);
        if (sha != entry.Sha256)
            throw new InvalidDataException($"The course checkpoint {path} does not match its manifest entry (SHA-256 {sha[..12]}…, " +
                $"expected {entry.Sha256[..Math.Min(12, entry.Sha256.Length)]}…): it is damaged or was replaced. Restore it with " +
                $"git checkout -- {Relative(path)}, or rebuild the course checkpoints with tools/build-course.sh.");
        var info = Checkpoint.ReadInfo(path);
        var generator = CourseGenerator.Create(info, device);
        try { Checkpoint.LoadGenerator(path, generator.Module, useEma); }
        catch { generator.Dispose(); throw; }
        return generator with { Entry = entry, Info = info, UsesEma = useEma };
    }

    /// <summary>Adds or replaces <paramref name="entry"/> in the manifest (atomically; entries sorted by name).</summary>
    public static void Write(CourseCheckpoint entry, string? folder = null)
    {
        folder ??= Folder;
        Directory.CreateDirectory(folder);
        var all = File.Exists(Path.Combine(folder, ManifestFile)) ? Manifest(folder).Where(e => e.Name != entry.Name).ToList() : [];
        all.Add(entry);
        AtomicFile.WriteAllText(Path.Combine(folder, ManifestFile),
            JsonSerializer.Serialize(all.OrderBy(e => e.Name, StringComparer.Ordinal).ToList(), Json) + "\n");
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256Of(string path) => Data.Checksums.Of(path, withSha256: true).Sha256!;

    static string Relative(string path) =>
        CourseRepository.Root() is string root ? Path.GetRelativePath(root, path) : path;
}

/// <summary>A generator loaded from a course checkpoint, ready to sample (eval mode).</summary>
/// <param name="Module">The network (DcganGenerator, MlpGenerator, or a conditional one).</param>
/// <param name="LatentDim">Length of z.</param>
/// <param name="Conditional">Whether it takes labels.</param>
/// <param name="Classes">How many classes a conditional generator draws (0 for an unconditional one).</param>
public sealed record CourseGenerator(nn.Module Module, int LatentDim, bool Conditional, int Classes) : IDisposable
{
    /// <summary>Its manifest entry.</summary>
    public CourseCheckpoint Entry { get; init; } = null!;

    /// <summary>What the file's own manifest says (configs, steps).</summary>
    public CheckpointInfo Info { get; init; } = null!;

    /// <summary>Whether the EMA copy's weights were loaded.</summary>
    public bool UsesEma { get; init; }

    /// <summary>Images [N, C, H, W] in [-1, 1] from z [N, LatentDim] (and labels [N] for a conditional generator).</summary>
    public Tensor Sample(Tensor z, Tensor? labels = null)
    {
        if (!Conditional) return Sampling.Generate((nn.Module<Tensor, Tensor>)Module, z);
        labels ??= torch.arange(z.shape[0], device: z.device) % Classes;   // classes 0, 1, …, K − 1, 0, 1, … when not given
        return Sampling.Generate((nn.Module<Tensor, Tensor, Tensor>)Module, z, labels);
    }

    /// <summary>Builds the generator a checkpoint was saved from (its type and config), untrained, in eval mode on <paramref name="device"/>.</summary>
    public static CourseGenerator Create(CheckpointInfo info, Device device)
    {
        string json = info.GeneratorConfigJson ?? throw new InvalidDataException("The checkpoint does not say its generator's config.");
        T Config<T>() => JsonSerializer.Deserialize<T>(json)!;
        nn.Module module = info.GeneratorType switch
        {
            nameof(DcganGenerator) => new DcganGenerator(Config<DcganConfig>()),
            nameof(MlpGenerator) => new MlpGenerator(Config<MlpConfig>()),
            nameof(ConditionalDcganGenerator) => new ConditionalDcganGenerator(Config<ConditionalDcganConfig>()),
            nameof(ConditionalMlpGenerator) => new ConditionalMlpGenerator(Config<ConditionalMlpConfig>()),
            _ => throw new InvalidDataException($"The course has no generator of type {info.GeneratorType}."),
        };
        module.to(device).eval();
        int classes = module switch
        {
            ConditionalDcganGenerator c => c.Config.NumClasses,
            ConditionalMlpGenerator c => c.Config.NumClasses,
            _ => 0,
        };
        return new CourseGenerator(module, ((IGenerator)module).LatentDim, classes > 0, classes);
    }

    /// <inheritdoc />
    public void Dispose() => Module.Dispose();
}
