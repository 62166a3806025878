using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using GanNotebooks.Data;
using GanNotebooks.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>What is recorded beside a trained classifier's weights (<c>{dataset}-classifier.json</c>). Taught in notebook 07.</summary>
/// <param name="Dataset">Canonical dataset name ("fashion-mnist", "mnist").</param>
/// <param name="File">The weights file name (TorchSharp's format, <c>module.save</c>), in the same folder.</param>
/// <param name="Sha256">SHA-256 of the weights file, lower-case hex; checked on every load.</param>
/// <param name="Model">The network's shape.</param>
/// <param name="Training">The training settings.</param>
/// <param name="Seed">The seed given to <see cref="Setup.Seed"/> before building and training the network.</param>
/// <param name="TestAccuracy">Accuracy on the dataset's test split, measured right after training.</param>
/// <param name="TestImages">Images in that test split.</param>
/// <param name="TrainedOn">Device and thread count it was trained on.</param>
/// <param name="TrainSeconds">Training wall time.</param>
/// <param name="TorchSharpVersion">TorchSharp's assembly version.</param>
/// <param name="CreatedUtc">When it was written (ISO 8601).</param>
public sealed record ClassifierWeightsInfo(
    string Dataset, string File, string Sha256, FeatureClassifierConfig Model, ClassifierTrainingConfig Training,
    int Seed, double TestAccuracy, int TestImages, string TrainedOn, double TrainSeconds, string TorchSharpVersion,
    string CreatedUtc);

/// <summary>Where <see cref="FeatureClassifierStore.Load(string, Device, ClassifierLoadOptions?)"/> looks for weights and what it may do without them. Taught in notebook 07.</summary>
/// <param name="WeightsDir">Look here first, and cache newly trained weights here (default:
/// <c>{data folder}/weights</c>, see <see cref="DataFolder"/>).</param>
/// <param name="AllowTraining">Train (and cache) a classifier when no weights are found; false: throw instead.</param>
/// <param name="DataDir">The data folder for the dataset and the default weights folder (see <see cref="DataFolder"/>).</param>
/// <param name="Log">Progress lines (what was loaded, or that training starts and how long it takes). Null: console.</param>
public sealed record ClassifierLoadOptions(
    string? WeightsDir = null, bool AllowTraining = true, string? DataDir = null, TextWriter? Log = null);

/// <summary>
/// Trained <see cref="FeatureClassifier"/> weights: the Fashion-MNIST ones ship in the repository's
/// <c>data/weights/</c>; others (MNIST) are trained on first use and cached. Every load checks the SHA-256 recorded
/// beside the weights.
/// Taught in notebook 07.
/// </summary>
public static class FeatureClassifierStore
{
    /// <summary>The sub-folder of the data folder that holds weights.</summary>
    public const string WeightsFolder = "weights";

    /// <summary>
    /// A trained classifier for "fashion-mnist" or "mnist", in eval mode on <paramref name="device"/>: from the first
    /// weights folder that has them (checksum verified), else trained now on the dataset and cached (atomic write),
    /// with a log line saying so and roughly how long it takes.
    /// </summary>
    /// <exception cref="ArgumentException">A dataset that is not 1×28×28 (the classifier is for MNIST-like images).</exception>
    /// <exception cref="InvalidDataException">Weights whose checksum does not match their record.</exception>
    /// <exception cref="FileNotFoundException">No weights, and training is not allowed.</exception>
    public static FeatureClassifier Load(string dataset, Device device, ClassifierLoadOptions? options = null) =>
        Load(dataset, device, options, (name, folder, training, log, dataDir) =>
            TrainAndSave(name, folder, device, training, seed: 0, log, dataDir));

    /// <summary><see cref="Load(string, Device, ClassifierLoadOptions?)"/> with the training step given (tests use a
    /// fast stand-in): (dataset, folder, training, log, data dir) → writes the weights and their record.</summary>
    internal static FeatureClassifier Load(string dataset, Device device, ClassifierLoadOptions? options,
        Action<string, string, ClassifierTrainingConfig, TextWriter, string?> trainAndSave)
    {
        options ??= new ClassifierLoadOptions();
        var (name, title) = Canonical(dataset);
        var log = options.Log ?? Console.Out;
        foreach (string folder in SearchFolders(options))
        {
            string infoPath = Path.Combine(folder, InfoFileName(name));
            if (!File.Exists(infoPath)) continue;
            var model = LoadFile(infoPath, device, out var info);
            log.WriteLine($"Loaded the {title} feature classifier from {infoPath} (test accuracy {info.TestAccuracy:F4}).");
            return model;
        }
        if (!options.AllowTraining)
            throw new FileNotFoundException($"No trained {title} classifier ({InfoFileName(name)}) in " +
                $"{string.Join(", ", SearchFolders(options))}. Allow training (AllowTraining: true), or train one with " +
                "FeatureClassifierStore.TrainAndSave.");
        string cache = options.WeightsDir ?? Path.Combine(DataFolder.Resolve(options.DataDir), WeightsFolder);
        var training = DefaultTraining(name);
        log.WriteLine($"No trained {title} feature classifier found; training one now ({training.Epochs} epochs) and " +
            $"caching it in {cache}. This happens once; it takes about {training.Epochs * 3.5:F0} minutes on a 2-core " +
            "CPU (longer if the CPU is busy) and under a minute on a GPU.");
        trainAndSave(name, cache, training, log, options.DataDir);
        return LoadFile(Path.Combine(cache, InfoFileName(name)), device, out _);
    }

    /// <summary>
    /// Trains a classifier on the training split of <paramref name="dataset"/>, measures its test accuracy, and writes
    /// <c>{dataset}-classifier.bin</c> and <c>.json</c> into <paramref name="folder"/> (each via a temporary file and a
    /// rename, the record last). This is how the shipped Fashion-MNIST weights were made.
    /// </summary>
    public static ClassifierWeightsInfo TrainAndSave(string dataset, string folder, Device device,
        ClassifierTrainingConfig? training = null, int seed = 0, TextWriter? log = null, string? dataDir = null)
    {
        var (name, title) = Canonical(dataset);
        training ??= DefaultTraining(name);
        Setup.Seed(seed);
        using var model = new FeatureClassifier(new FeatureClassifierConfig()) { Name = $"{title} classifier" };
        model.to(device);
        var clock = Stopwatch.StartNew();
        using (var train = Datasets.Load(name, new DatasetOptions(Train: true, DataDir: dataDir)))
            ClassifierTrainer.Train(model, train.Images, train.Labels, training, log);
        double seconds = clock.Elapsed.TotalSeconds;
        using var test = Datasets.Load(name, new DatasetOptions(Train: false, DataDir: dataDir));
        double accuracy = ClassifierMetrics.Accuracy(model, test.Images, test.Labels);
        log?.WriteLine($"{title} classifier: test accuracy {accuracy:F4} after {seconds:F0} s of training.");

        string trainedOn = $"{device.type.ToString().ToLowerInvariant()}, {torch.get_num_threads()} threads";
        return Save(model, folder, name, training, seed, accuracy, test.Count, trainedOn, seconds);
    }

    /// <summary>Writes the weights and their record (each with <see cref="AtomicFile"/>, the record last).</summary>
    internal static ClassifierWeightsInfo Save(FeatureClassifier model, string folder, string dataset,
        ClassifierTrainingConfig training, int seed, double accuracy, int testImages, string trainedOn, double seconds)
    {
        string name = Canonical(dataset).Name;
        Directory.CreateDirectory(folder);
        string weights = Path.Combine(folder, WeightsFileName(name));
        AtomicFile.Write(weights, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            model.save(writer);
        });
        string sha = Sha256(weights);
        var info = new ClassifierWeightsInfo(name, WeightsFileName(name), sha, model.Config, training, seed, accuracy,
            testImages, trainedOn, seconds, typeof(torch).Assembly.GetName().Version?.ToString() ?? "?",
            DateTime.UtcNow.ToString("o"));
        AtomicFile.WriteAllText(Path.Combine(folder, InfoFileName(name)), JsonSerializer.Serialize(info, Json));
        return info;
    }

    /// <summary>Loads the weights recorded by <paramref name="infoPath"/> after checking their SHA-256.</summary>
    /// <exception cref="InvalidDataException">The record is unreadable, or the weights' checksum does not match.</exception>
    public static FeatureClassifier LoadFile(string infoPath, Device device, out ClassifierWeightsInfo info)
    {
        info = ReadInfo(infoPath);
        string weights = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(infoPath))!, info.File);
        if (!File.Exists(weights))
            throw new FileNotFoundException($"{infoPath} records the weights file {info.File}, which is missing. Restore " +
                "it (git checkout data/weights), or delete the record to train a new classifier.", weights);
        string sha = Sha256(weights);
        if (!string.Equals(sha, info.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"The classifier weights {weights} have SHA-256 {sha}, but {infoPath} " +
                $"records {info.Sha256}: the file is corrupt or was replaced. Restore it (git checkout data/weights), " +
                "or delete both files to train a new classifier.");
        var (_, title) = Canonical(info.Dataset);
        var model = new FeatureClassifier(info.Model) { Name = $"{title} classifier" };
        model.load(weights);
        model.to(device);
        model.eval();
        return model;
    }

    /// <summary>Reads a weights record (<c>{dataset}-classifier.json</c>).</summary>
    /// <exception cref="InvalidDataException">Not a valid record.</exception>
    public static ClassifierWeightsInfo ReadInfo(string infoPath)
    {
        try
        {
            return JsonSerializer.Deserialize<ClassifierWeightsInfo>(File.ReadAllText(infoPath), Json)
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{infoPath} is not a valid classifier weights record ({e.Message}). " +
                "Restore it (git checkout data/weights), or delete it to train a new classifier.", e);
        }
    }

    /// <summary>Folders searched, in order: the WeightsDir option, <c>{data folder}/weights</c>, and the default data
    /// folder's <c>weights</c> (<see cref="DataFolder"/>: in the course repository, where the shipped weights are).</summary>
    public static IReadOnlyList<string> SearchFolders(ClassifierLoadOptions options)
    {
        var folders = new List<string>();
        if (options.WeightsDir is not null) folders.Add(Path.GetFullPath(options.WeightsDir));
        folders.Add(Path.Combine(DataFolder.Resolve(options.DataDir), WeightsFolder));
        if (DataFolder.DefaultFolder() is string defaultData) folders.Add(Path.Combine(defaultData, WeightsFolder));
        return folders.Distinct().ToList();
    }

    /// <summary>"fashion-mnist-classifier.bin".</summary>
    public static string WeightsFileName(string dataset) => $"{Canonical(dataset).Name}-classifier.bin";

    /// <summary>"fashion-mnist-classifier.json".</summary>
    public static string InfoFileName(string dataset) => $"{Canonical(dataset).Name}-classifier.json";

    /// <summary>The recipe used for the shipped weights (and for training on first use).</summary>
    public static ClassifierTrainingConfig DefaultTraining(string dataset) =>
        Canonical(dataset).Name == "mnist" ? new ClassifierTrainingConfig(Epochs: 3) : new ClassifierTrainingConfig();

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    internal static (string Name, string Title) Canonical(string dataset)
    {
        var spec = DatasetCatalog.Default.Get(dataset);
        if (spec.Channels != 1 || spec.Height != 28 || spec.Width != 28)
            throw new ArgumentException($"The feature classifier is for 28×28 grey images (MNIST, Fashion-MNIST); " +
                $"{spec.Title} images are {spec.Channels}×{spec.Height}×{spec.Width}. For such data use Inception " +
                "features (and call the metric FID).", nameof(dataset));
        return (spec.Name, spec.Title);
    }

    static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

}
