using GanNotebooks.Metrics;
using GanNotebooks.Tests.Training;
using GanNotebooks.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests;

/// <summary>Generator-only float16 checkpoints and the course checkpoint store (<see cref="CourseCheckpoints"/>):
/// what a class loads, and the errors a damaged, missing or mismatched one gives.</summary>
[Collection(nameof(GlobalTorchRandomState))]
public sealed class CourseCheckpointTests
{
    static CourseCheckpoint EntryFor(string name, string path) => new(name, "02", "DCGAN", "3 steps", 3, 0.1, 1.5,
        "test machine", "2026-12-05", "fashion-mnist", 10_000, 38.6, 6.83, null, null, CourseCheckpoints.Sha256Of(path), "test");

    [Fact]
    public void AGeneratorOnlyHalfCheckpointLoadsTheWeightsRoundedToFloat16AndIsRefusedForResuming()
    {
        using var folder = new TempFolder();
        string path = folder.File("g.zip");
        Setup.Seed(3);
        var trainer = Tiny.DcganTrainer(TrainerConfig.Dcgan with { EmaDecay = 0.9 });
        using var x = Tiny.Images(4);
        trainer.Step(x);
        Checkpoint.SaveGenerator(path, trainer);

        var info = Checkpoint.ReadInfo(path);
        Assert.True(info.GeneratorOnly);
        Assert.True(info.HalfPrecision);
        Assert.True(info.HasEma);
        Assert.Null(info.DiscriminatorType);
        Assert.Equal(1, info.Step);

        Setup.Seed(9);                                               // other weights: only the file can make them equal
        var fresh = Tiny.DcganTrainer();
        Checkpoint.LoadGenerator(path, fresh.Generator);
        foreach (var (key, expected) in trainer.Generator.state_dict())
        {
            var actual = fresh.Generator.state_dict()[key];
            Assert.Equal(actual.dtype, expected.dtype);              // cast back to the network's own type
            var rounded = expected.is_floating_point() ? expected.to(ScalarType.Float16).to(expected.dtype) : expected;
            Assert.True(torch.equal(rounded, actual).all().item<bool>(), key);   // exactly the float16 rounding, nothing else
        }
        var e = Assert.Throws<CheckpointMismatchException>(() => Checkpoint.Load(path, fresh));
        Assert.Contains("generator only", e.Message);
        Assert.Contains("Checkpoint.LoadGenerator", e.Message);

        long half = new FileInfo(path).Length;
        Checkpoint.SaveGenerator(path, trainer, halfPrecision: false);
        Assert.InRange(half / (double)new FileInfo(path).Length, 0.45, 0.65);  // float16: about half the bytes (keys and manifest stay)
        Tiny.DisposeAll(trainer);
        Tiny.DisposeAll(fresh);
    }

    [Fact]
    public void TheStoreLoadsByNameAndRefusesAFileThatDoesNotMatchItsManifest()
    {
        using var folder = new TempFolder();
        Setup.Seed(4);
        var trainer = Tiny.DcganTrainer();
        string path = folder.File("02-dcgan.zip");
        Checkpoint.SaveGenerator(path, trainer);
        CourseCheckpoints.Write(EntryFor("02-dcgan", path), folder.Path);

        using (var g = CourseCheckpoints.Load("02-dcgan", torch.CPU, folder: folder.Path))
        {
            Assert.Equal("DCGAN", g.Entry.Title);
            Assert.False(g.Conditional);
            using var z = torch.randn(2, Tiny.Dcgan.LatentDim);
            using var expected = trainer.Sample(z);
            using var actual = g.Sample(z);
            Assert.Equal([2, 1, 28, 28], actual.shape);
            Assert.True((expected - actual).abs().max().item<float>() < 0.02f);   // float16 weights: close, not equal
        }

        var unknown = Assert.Throws<KeyNotFoundException>(() => CourseCheckpoints.Load("03-lsgan", torch.CPU, folder: folder.Path));
        Assert.Contains("There are: 02-dcgan", unknown.Message);

        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0xFF;                                          // one damaged byte
        File.WriteAllBytes(path, bytes);
        var damaged = Assert.Throws<InvalidDataException>(() => CourseCheckpoints.Load("02-dcgan", torch.CPU, folder: folder.Path));
        Assert.Contains("does not match its manifest entry", damaged.Message);
        Assert.Contains("git checkout", damaged.Message);

        File.Delete(path);
        var missing = Assert.Throws<FileNotFoundException>(() => CourseCheckpoints.Load("02-dcgan", torch.CPU, folder: folder.Path));
        Assert.Contains("is missing", missing.Message);
        Tiny.DisposeAll(trainer);
    }

    [Fact]
    public void AFileWhoseGeneratorIsNotTheOneItsManifestSaysGivesTheMismatchError()
    {
        using var folder = new TempFolder();
        var trainer = Tiny.DcganTrainer();
        string path = folder.File("02-dcgan.zip");
        Checkpoint.SaveGenerator(path, trainer);
        CourseCheckpoints.Write(EntryFor("02-dcgan", path), folder.Path);
        var other = Tiny.MlpTrainer();
        var e = Assert.Throws<CheckpointMismatchException>(() => Checkpoint.LoadGenerator(path, other.Generator));
        Assert.Contains("generator type: DcganGenerator in the checkpoint, MlpGenerator here", e.Message);
        Tiny.DisposeAll(trainer);
        Tiny.DisposeAll(other);
    }

    [Fact]
    public void WritingAnEntryReplacesTheOneOfTheSameNameAndKeepsTheOthers()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a.zip"), "a");
        CourseCheckpoints.Write(EntryFor("b", folder.File("a.zip")), folder.Path);
        CourseCheckpoints.Write(EntryFor("a", folder.File("a.zip")), folder.Path);
        CourseCheckpoints.Write(EntryFor("b", folder.File("a.zip")) with { Fid = 12 }, folder.Path);
        var all = CourseCheckpoints.Manifest(folder.Path);
        Assert.Equal(["a", "b"], all.Select(e => e.Name));
        Assert.Equal(12, all[1].Fid);
        Assert.Equal("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", all[0].Sha256);   // sha256("a")
        File.WriteAllText(folder.File(CourseCheckpoints.ManifestFile), "{ not json");
        var e = Assert.Throws<InvalidDataException>(() => CourseCheckpoints.Manifest(folder.Path));
        Assert.Contains("is damaged", e.Message);
    }

    [Theory]
    [InlineData(38.6, 6.83, 10_000, "✓ bar met")]
    [InlineData(40.0, 6.5, 10_000, "✓ bar met")]          // on the bar is meeting it
    [InlineData(40.1, 7.0, 10_000, "✗ bar NOT met")]
    [InlineData(30.0, 6.49, 10_000, "✗ bar NOT met")]
    [InlineData(30.0, 7.0, 2_000, "– not judged (2,000 samples")]
    public void TheVerdictJudgesBothConditionsAtTenThousandSamples(double fid, double score, long samples, string start)
    {
        var scores = new GeneratorScores("DCGAN", fid, score, 0.05, samples, "Fashion-MNIST classifier features (128-d)");
        string verdict = QualityBar.DcganFamily.Verdict(scores);
        Assert.StartsWith(start, verdict);
        Assert.Equal(start.StartsWith('✓'), QualityBar.DcganFamily.IsMetBy(scores));
        Assert.Contains("FID ≤ 40 and Classifier Score ≥ 6.5", verdict);
    }

    [Fact]
    public void AStandInClassifiersScoresAreNotJudged()
    {
        var scores = new GeneratorScores("G", 10, 9, 0, 10_000, "Fashion-MNIST stand-in classifier (quick mode) features (128-d)");
        Assert.StartsWith("– not judged (the bar is set on the shipped Fashion-MNIST classifier", QualityBar.Mlp.Verdict(scores));
        Assert.False(QualityBar.WganGp.IsMetBy(scores with { Samples = 500 }));
        Assert.Equal("FID ≤ 50", QualityBar.WganGp.Condition);
    }
}
