using GanNotebooks.Metrics;
using static GanNotebooks.Tests.Metrics.MetricsFixtures;

namespace GanNotebooks.Tests.Metrics;

public class ClassifierScoreTests
{
    [Fact]
    public void ConfidentPredictionsSpreadEvenlyOverKClassesScoreK()
    {
        const int k = 7, splits = 10;
        // Sample n predicts class n mod K, so every split of 3K consecutive rows uses each class 3 times.
        using var labels = torch.arange(k * 3 * splits) % k;
        using var p = nn.functional.one_hot(labels, k).to(ScalarType.Float32);
        var score = ClassifierScore.Compute(p, "test classifier", splits);
        Assert.Equal(k, score.Mean, 12);
        Assert.Equal(0, score.Std, 12);
        Assert.Equal(k, score.Classes);
    }

    [Fact]
    public void TheSamePredictionForEverySampleScoresOne()
    {
        using var row = torch.tensor(new float[] { 0.1f, 0.6f, 0.3f });
        using var p = row.expand(50, 3);
        var score = ClassifierScore.Compute(p, "test classifier", splits: 5);
        Assert.Equal(1, score.Mean, 12);
    }

    [Fact]
    public void MatchesTheOriginalCodeOnNumPy()
    {
        using var raw = Load("is_probs").to(ScalarType.Float64);
        using var p = raw / raw.sum(1, keepdim: true);     // renormalised as in make_fixtures.py
        var score = ClassifierScore.Compute(p, "fixture");
        Close(Get("is_probs", "mean"), score.Mean, 1e-10, what: "mean");
        Close(Get("is_probs", "std"), score.Std, 1e-8, what: "std");
        var perSplit = Expected.GetProperty("is_probs").GetProperty("perSplit").EnumerateArray().ToArray();
        for (int i = 0; i < 10; i++) Close(perSplit[i].GetDouble(), score.PerSplit[i], 1e-10, what: $"split {i}");
    }

    [Fact]
    public void LogitsGiveTheSameScoreAsTheirSoftmax()
    {
        torch.manual_seed(3);
        using var logits = torch.randn(200, 10) * 4;
        using var p = torch.softmax(logits.to(ScalarType.Float64), 1);
        var fromLogits = ClassifierScore.FromLogits(logits, "test classifier");
        Assert.Equal(ClassifierScore.Compute(p, "test classifier").Mean, fromLogits.Mean, 12);
        Assert.Contains("Classifier Score (IS formula on test classifier p(y|x))", fromLogits.ToString());
    }

    [Fact]
    public void BadInputsAreClearErrors()
    {
        using var logits = torch.randn(20, 4);
        Assert.Contains("FromLogits",
            Assert.Throws<ArgumentException>(() => ClassifierScore.Compute(logits, "c")).Message);
        using var few = torch.full(5, 4, 0.25f);
        Assert.Contains("cannot be cut into 10 splits",
            Assert.Throws<ArgumentException>(() => ClassifierScore.Compute(few, "c")).Message);
        using var images = torch.rand(20, 1, 28, 28);
        Assert.Contains("[N, K]", Assert.Throws<ArgumentException>(() => ClassifierScore.Compute(images, "c")).Message);
    }
}
