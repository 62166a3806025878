using GanNotebooks.Data;
using GanNotebooks.Metrics;
using GanNotebooks.Tests.Training;
using GanNotebooks.Training;

namespace GanNotebooks.Tests;

/// <summary>The course's policy (<see cref="Course"/>): a quick run keeps a full run's checkpoint, and quick mode's
/// classifier is a named stand-in that stores nothing.</summary>
public sealed class CourseTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "gan-course-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void SaveRunCreatesTheFolderAndAQuickRunKeepsAnExistingCheckpoint()
    {
        using var temp = new TempFolder();
        string path = System.IO.Path.Combine(temp.Path, "checkpoints", "02-dcgan.zip");   // the folder does not exist yet
        var full = Tiny.MlpTrainer();
        var quick = Tiny.MlpTrainer();
        try
        {
            using var x = Tiny.Images(4);
            for (int i = 0; i < 3; i++) full.Step(x);
            quick.Step(x);
            var log = new StringWriter();

            Assert.True(Course.SaveRun(path, full, quick: false, log));
            Assert.False(Course.SaveRun(path, quick, quick: true, log));   // the full run's file stays
            Assert.Equal(3, Checkpoint.ReadInfo(path).Step);
            Assert.True(Course.SaveRun(path, quick, quick: false, log));   // a full run replaces it
            Assert.Equal(1, Checkpoint.ReadInfo(path).Step);
            Assert.Equal([$"saved {path} (step 3)", $"quick mode: kept the existing {path}", $"saved {path} (step 1)"],
                log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Tiny.DisposeAll(full);
            Tiny.DisposeAll(quick);
        }
    }

    [Fact]
    public void SaveRunCountsCriticAndGeneratorUpdatesForWgan()
    {
        using var temp = new TempFolder();
        var trainer = Tiny.WganGpTrainer();                                    // n_critic = 2
        try
        {
            using var x = Tiny.Images(4);
            for (int i = 0; i < 5; i++) trainer.Step(x);
            var log = new StringWriter();
            Course.SaveRun(temp.File("04-wgan.zip"), trainer, quick: true, log);   // quick, but nothing to keep
            Assert.Equal($"saved {temp.File("04-wgan.zip")} (5 critic updates, 2 generator updates)", log.ToString().Trim());
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void QuickModeWithoutWeightsTrainsANamedStandInAndStoresNothing()
    {
        // No MNIST weights ship and MNIST is not offline: the stand-in learns from a few Fashion-MNIST images here.
        var options = new ClassifierLoadOptions(WeightsDir: folder, DataDir: folder, Log: TextWriter.Null);
        var few = new DatasetOptions(Limit: 512, SubsetSeed: 1, AllowDownload: false, Log: _ => { });
        int loads = 0;

        using var standIn = Course.LoadClassifier("mnist", CPU, quick: true, options, () => { loads++; return FashionMnistOrFail(few); });

        Assert.Equal(1, loads);
        Assert.Equal("MNIST stand-in classifier (quick mode)", standIn.Name);
        Assert.False(standIn.training);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Any());
        // It did learn: an untrained classifier is right on about 1 image in 10 (4 Adam steps here: a loose bound).
        using var seen = FashionMnistOrFail(few);
        double accuracy = ClassifierMetrics.Accuracy(standIn, seen.Images, seen.Labels);
        Assert.True(accuracy > 0.25, $"accuracy {accuracy} on the images it learned from (0.57 when written)");
    }

    [Fact]
    public void QuickModeUsesStoredWeightsAndAFullRunNeverGetsAStandIn()
    {
        using (var shipped = Course.LoadClassifier("fashion-mnist", CPU, quick: true, new ClassifierLoadOptions(Log: TextWriter.Null),
            () => throw new InvalidOperationException("no stand-in when weights are stored")))
            Assert.Equal("Fashion-MNIST classifier", shipped.Name);

        var noTraining = new ClassifierLoadOptions(WeightsDir: folder, AllowTraining: false, DataDir: folder, Log: TextWriter.Null);
        Assert.Throws<FileNotFoundException>(() => Course.LoadClassifier("mnist", CPU, quick: false, noTraining,
            () => throw new InvalidOperationException("no stand-in in a full run")));
    }

    static ImageDataset FashionMnistOrFail(DatasetOptions options)
    {
        try { return Datasets.Load("fashion-mnist", options); }
        catch (DatasetException e) { Assert.Fail($"Fashion-MNIST is missing: run tools/setup.sh ({e.Message})"); throw; }
    }
}
