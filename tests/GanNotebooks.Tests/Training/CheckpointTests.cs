using GanNotebooks.IO;
using GanNotebooks.Models;
using GanNotebooks.Training;
using static GanNotebooks.Tests.Models.NetworkAssert;

namespace GanNotebooks.Tests.Training;

/// <summary>A temporary folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gan-tests-" + Guid.NewGuid().ToString("N"));
    public TempFolder() => Directory.CreateDirectory(Path);
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() => Directory.Delete(Path, recursive: true);
}

[Collection(nameof(GlobalTorchRandomState))]
public class CheckpointRoundTripTests
{
    static GanTrainer NewTrainer(TrainerConfig config) => Tiny.DcganTrainer(config);

    [Theory]
    [InlineData(false)]   // DCGAN recipe: Adam, plus an EMA of G
    [InlineData(true)]    // WGAN: RMSprop, n_critic 5, clipping
    public void ResumingGivesTheSameNextStepAsNotStopping(bool wgan)
    {
        var config = wgan ? TrainerConfig.Wgan : TrainerConfig.Dcgan with { EmaDecay = 0.9 };
        using var folder = new TempFolder();
        string path = folder.File("run.ckpt");
        Setup.Seed(1);
        using var x = Tiny.Images(4);

        var first = NewTrainer(config);
        first.Step(x);
        first.Step(x);
        Checkpoint.Save(path, first);
        Setup.Seed(42);
        var expected = first.Step(x);                       // step 3 of the uninterrupted run
        using var expectedEma = first.Ema is null ? null : first.Ema.Model.state_dict()["main.0.weight"].clone();
        Tiny.DisposeAll(first);

        Setup.Seed(7);                                      // other initial weights: only the checkpoint can make them equal
        var control = NewTrainer(config);
        Setup.Seed(42);
        Assert.NotEqual(expected.LossD, control.Step(x).LossD);
        Tiny.DisposeAll(control);

        Setup.Seed(7);
        var resumed = NewTrainer(config);
        Checkpoint.Load(path, resumed);
        Assert.Equal(2, resumed.Steps);
        Assert.Equal(2, resumed.History.Count);
        Setup.Seed(42);
        var actual = resumed.Step(x);
        Assert.Equal(expected, actual);                     // step index and every number, exactly
        if (expectedEma is not null) Assert.True(Same(expectedEma, resumed.Ema!.Model.state_dict()["main.0.weight"]));
        Tiny.DisposeAll(resumed);
    }
}

public class CheckpointTests
{
    [Fact]
    public void ADifferentArchitectureIsAClearErrorAndNothingIsLoaded()
    {
        using var folder = new TempFolder();
        string path = folder.File("mlp.ckpt");
        var saved = Tiny.MlpTrainer();
        Checkpoint.Save(path, saved);
        Tiny.DisposeAll(saved);

        var narrower = Tiny.Mlp with { Hidden = 8 };
        var other = new GanTrainer(new MlpGenerator(narrower), new MlpDiscriminator(narrower));
        try
        {
            using var before = other.Generator.state_dict()["fc1.weight"].clone();
            var e = Assert.Throws<CheckpointMismatchException>(() => Checkpoint.Load(path, other));
            Assert.Contains("generator config: Hidden = 16 in the checkpoint, 8 here", e.Message);
            Assert.Contains("discriminator config: Hidden = 16 in the checkpoint, 8 here", e.Message);
            Assert.Contains("fc1.weight [16, 8] in the checkpoint, [8, 8] here", e.Message);
            Assert.Contains("Nothing was loaded", e.Message);
            Assert.True(Same(before, other.Generator.state_dict()["fc1.weight"]));
        }
        finally { Tiny.DisposeAll(other); }
    }

    [Fact]
    public void AnotherNetworkTypeOrTrainerConfigIsNamed()
    {
        using var folder = new TempFolder();
        string path = folder.File("mlp.ckpt");
        var saved = Tiny.MlpTrainer();
        Checkpoint.Save(path, saved);
        Tiny.DisposeAll(saved);

        var dcgan = Tiny.DcganTrainer(new TrainerConfig(LearningRateG: 1e-3));
        try
        {
            var e = Assert.Throws<CheckpointMismatchException>(() => Checkpoint.Load(path, dcgan));
            Assert.Contains("generator type: MlpGenerator in the checkpoint, DcganGenerator here", e.Message);
            Assert.Contains("trainer config: LearningRateG = 0.0002 in the checkpoint, 0.001 here", e.Message);
            Assert.Contains(e.Differences, d => d.StartsWith("generator state: missing in the checkpoint: main.0.weight", StringComparison.Ordinal));
        }
        finally { Tiny.DisposeAll(dcgan); }
    }

    [Fact]
    public void ReadInfoAndLoadGeneratorForSampling()
    {
        using var folder = new TempFolder();
        string path = folder.File("dcgan.ckpt");
        var trainer = Tiny.DcganTrainer(TrainerConfig.Dcgan with { EmaDecay = 0.5 });
        try
        {
            using var x = Tiny.Images(4);
            trainer.Step(x);
            Checkpoint.Save(path, trainer);

            var info = Checkpoint.ReadInfo(path);
            Assert.Equal(("GanTrainer", 1L, "DcganGenerator", "DcganDiscriminator", true),
                (info.Trainer, info.Step, info.GeneratorType, info.DiscriminatorType, info.HasEma));
            Assert.Equal(trainer.Config, info.TrainerConfig);
            Assert.Contains("\"Features\":4", info.GeneratorConfigJson);

            using var g = new DcganGenerator(Tiny.Dcgan);
            Checkpoint.LoadGenerator(path, g, useEma: true);
            foreach (var (name, t) in trainer.Ema!.Model.state_dict())
                Assert.True(Same(t, g.state_dict()[name]), name);
            Checkpoint.LoadGenerator(path, g);
            Assert.True(Same(trainer.Generator.state_dict()["main.0.weight"], g.state_dict()["main.0.weight"]));
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void SavingIntoAMissingFolderSaysSoAndWritesNothing()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "missing", "run.ckpt");
        var trainer = Tiny.MlpTrainer();
        try
        {
            var e = Assert.Throws<DirectoryNotFoundException>(() => Checkpoint.Save(path, trainer));
            Assert.Contains("does not exist", e.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void AFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("run.ckpt");
        File.WriteAllText(path, "the good old checkpoint");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);                       // half a file ...
            throw new IOException("disk full");                 // ... then the failure
        }));
        Assert.Equal("the good old checkpoint", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void OverwritingACheckpointLeavesOneLoadableFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("run.ckpt");
        var trainer = Tiny.MlpTrainer();
        try
        {
            using var x = Tiny.Images(2);
            Checkpoint.Save(path, trainer);
            trainer.Step(x);
            Checkpoint.Save(path, trainer);
            Assert.Equal([path], Directory.GetFiles(folder.Path));
            Assert.Equal(1, Checkpoint.ReadInfo(path).Step);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void MissingOrDamagedFilesAreClearErrors()
    {
        using var folder = new TempFolder();
        var trainer = Tiny.MlpTrainer();
        try
        {
            Assert.Contains("No checkpoint at", Assert.Throws<FileNotFoundException>(
                () => Checkpoint.Load(folder.File("nope.ckpt"), trainer)).Message);
            string junk = folder.File("junk.ckpt");
            File.WriteAllBytes(junk, [1, 2, 3, 4, 5, 6, 7, 8]);
            Assert.Contains("not a GanNotebooks checkpoint or is damaged", Assert.Throws<InvalidDataException>(
                () => Checkpoint.Load(junk, trainer)).Message);
        }
        finally { Tiny.DisposeAll(trainer); }
    }
}
