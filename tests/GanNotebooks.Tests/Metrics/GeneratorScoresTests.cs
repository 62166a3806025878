using GanNotebooks.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Metrics;

/// <summary><see cref="GeneratorScores"/> and the course's <see cref="QualityCheck"/>: scores that agree with the
/// metrics they are made of, noise that does not depend on the caller's random state, rows in the right order.</summary>
[Collection(nameof(GlobalTorchRandomState))]
public sealed class GeneratorScoresTests
{
    [Fact]
    public void AGeneratorThatReturnsTheReferenceImagesScoresFidZeroAndTheirOwnClassifierScore()
    {
        torch.manual_seed(5);
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig(FeatureDim: 8));
        using var test = torch.rand(600, 1, 28, 28) - 1;                 // in [-1, 0]: not the noise row's [-1, 1]
        using var train = torch.rand(700, 1, 28, 28) - 1;
        using var check = QualityCheck.Create(classifier, test, train, samples: 600, seed: 1);
        long offset = 0;
        var copy = check.Score("copy", z =>                               // hands out the test images in order
        {
            var part = test.narrow(0, offset, z.shape[0]);
            offset += z.shape[0];
            return part;
        }, latentDim: 4);
        Assert.Equal(600, offset);                                       // every sample drawn once: batches of 500 + 100
        Assert.InRange(copy.Fid, -1e-6, 1e-6);
        var expected = ClassifierMetrics.ClassifierScore(classifier, test);
        Assert.Equal(expected.Mean, copy.Score, 9);
        var table = check.Table(copy);
        Assert.Equal(["real training images", "copy", "uniform noise"], table.Rows.Select(r => r.Name));
        Assert.True(check.Noise.Fid > check.Real.Fid);
    }

    [Fact]
    public void TheNoiseIsSeededByItselfSoTheSameWeightsGetTheSameScoreWhateverTheGlobalRandomState()
    {
        torch.manual_seed(6);
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig(FeatureDim: 8));
        using var test = torch.rand(200, 1, 28, 28) * 2 - 1;
        using var stats = ClassifierMetrics.FeatureStatistics(classifier, test);
        using var w = torch.randn(4, 784) * 0.1;
        Tensor Generate(Tensor z) => torch.tanh(z.matmul(w)).reshape(-1, 1, 28, 28);   // z [n, 4] -> [n, 1, 28, 28]
        torch.manual_seed(1);
        var a = GeneratorScores.Measure("g", classifier, stats, Generate, 4, samples: 300, seed: 3);
        torch.manual_seed(2);
        var b = GeneratorScores.Measure("g", classifier, stats, Generate, 4, samples: 300, seed: 3);
        var c = GeneratorScores.Measure("g", classifier, stats, Generate, 4, samples: 300, seed: 4);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Fid, c.Fid);
        Assert.Equal(300, a.Samples);
        Assert.StartsWith("g: FID ", a.ToString());
    }
}
