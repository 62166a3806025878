using GanNotebooks.Data;
using GanNotebooks.Metrics;
using GanNotebooks.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks;

/// <summary>
/// The course's policy, not the library's: where the notebooks keep their runs, and what a notebook's quick mode
/// (CI's runs of a few seconds) changes. The library's data, training and metrics types take paths and options and
/// know nothing of "quick"; this class decides for the notebooks (and <see cref="CourseRepository"/> knows the
/// repository's layout). Taught in notebooks 01 (saving a run) and 07 (the classifier).
/// </summary>
public static class Course
{
    /// <summary>
    /// Where the notebooks keep their runs: <c>{data folder}/checkpoints</c> (see <see cref="Data.DataFolder"/>).
    /// Notebook 03 compares with 02's run from here, notebook 07 scores the runs of 01–05.
    /// </summary>
    public static string CheckpointFolder => Path.Combine(Data.DataFolder.Resolve(), "checkpoints");

    /// <summary>
    /// Saves a notebook's run to <paramref name="path"/> (creating its folder; <see cref="Checkpoint.Save"/>) and says so
    /// on <paramref name="log"/> (the console when null). A quick run (<paramref name="quick"/>) keeps a checkpoint that
    /// already exists, the full run's that notebooks 03 and 07 read, instead of overwriting it with a few steps'
    /// weights. Returns whether it saved.
    /// </summary>
    public static bool SaveRun(string path, GanTrainerBase trainer, bool quick, TextWriter? log = null)
    {
        log ??= Console.Out;
        if (quick && File.Exists(path))
        {
            log.WriteLine($"quick mode: kept the existing {path}");
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Checkpoint.Save(path, trainer);
        log.WriteLine(trainer.Config.CriticSteps == 1
            ? $"saved {path} (step {trainer.Steps})"
            : $"saved {path} ({trainer.Steps} critic updates, {trainer.GeneratorSteps} generator updates)");
        return true;
    }

    /// <summary>How many training images the quick-mode stand-in of <see cref="LoadClassifier(string, Device, bool, int, ClassifierLoadOptions?)"/> learns from.</summary>
    public const int QuickStandInImages = 4096;

    /// <summary>
    /// The classifier a notebook measures with. A full run (<paramref name="quick"/> false) is <see
    /// cref="FeatureClassifierStore.Load(string, Device, ClassifierLoadOptions?)"/>: stored weights, else trained and
    /// cached on first use. Quick mode never starts that training (10 to 15 minutes on a 2-core CPU): without stored
    /// weights it trains a stand-in for one epoch on <see cref="QuickStandInImages"/> training images (seconds), named
    /// "{dataset} stand-in classifier (quick mode)" so that its scores are not taken for the real ones, and stores nothing.
    /// </summary>
    /// <param name="dataset">"fashion-mnist" or "mnist".</param>
    /// <param name="device">Where the classifier runs.</param>
    /// <param name="quick">The notebook's quick mode: a stand-in instead of training when no weights are stored.</param>
    /// <param name="seed">Picks the stand-in's training images (the subset seed).</param>
    /// <param name="options">Where to look for weights (the stand-in's images come from its <c>DataDir</c>).</param>
    public static FeatureClassifier LoadClassifier(string dataset, Device device, bool quick, int seed,
        ClassifierLoadOptions? options = null) =>
        LoadClassifier(dataset, device, quick, options, () => Datasets.Load(dataset,
            new DatasetOptions(Limit: QuickStandInImages, SubsetSeed: seed, DataDir: options?.DataDir)));

    /// <summary><see cref="LoadClassifier(string, Device, bool, int, ClassifierLoadOptions?)"/> with the stand-in's images given (tests).</summary>
    internal static FeatureClassifier LoadClassifier(string dataset, Device device, bool quick,
        ClassifierLoadOptions? options, Func<ImageDataset> standInImages)
    {
        options ??= new ClassifierLoadOptions();
        try { return FeatureClassifierStore.Load(dataset, device, quick ? options with { AllowTraining = false } : options); }
        catch (FileNotFoundException) when (quick)
        {
            using var few = standInImages();
            var standIn = new FeatureClassifier { Name = $"{FeatureClassifierStore.Canonical(dataset).Title} stand-in classifier (quick mode)" };
            standIn.to(device);
            ClassifierTrainer.Train(standIn, few.Images, few.Labels, new ClassifierTrainingConfig(Epochs: 1));
            standIn.eval();
            return standIn;
        }
    }
}
