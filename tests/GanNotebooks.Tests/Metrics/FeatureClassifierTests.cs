using GanNotebooks.Metrics;

namespace GanNotebooks.Tests.Metrics;

public class FeatureClassifierTests
{
    static readonly FeatureClassifierConfig Tiny = new(Conv1: 4, Conv2: 8, FeatureDim: 16, Dropout: 0);

    [Fact]
    public void ParametersAndStateDictKeysFollowPyTorchNaming()
    {
        using var model = new FeatureClassifier();
        string[] expected =
        {
            "conv1.weight", "conv1.bias",
            "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
            "conv2.weight", "conv2.bias",
            "bn2.weight", "bn2.bias", "bn2.running_mean", "bn2.running_var", "bn2.num_batches_tracked",
            "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias",
        };
        Assert.Equal(expected.OrderBy(k => k), model.state_dict().Keys.OrderBy(k => k));
        // conv1 1·32·9 + 32, bn1 2·32, conv2 32·64·9 + 64, bn2 2·64, fc1 3136·128 + 128, fc2 128·10 + 10
        Assert.Equal(12, model.parameters().Count());
        Assert.Equal(320 + 64 + 18_496 + 128 + 401_536 + 1_290, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void FeaturesAndLogitsHaveTheDocumentedShapes()
    {
        using var model = new FeatureClassifier();
        model.eval();
        using var x = torch.rand(3, 1, 28, 28) * 2 - 1;
        using var features = model.Features(x);
        using var logits = model.call(x);
        Assert.Equal(new long[] { 3, 128 }, features.shape);
        Assert.Equal(new long[] { 3, 10 }, logits.shape);
        Assert.True(features.ge(0).all().item<bool>(), "features come after a ReLU");
    }

    [Fact]
    public void WrongImageShapesAreClearErrors()
    {
        using var model = new FeatureClassifier();
        using var flat = torch.rand(3, 784);
        var e = Assert.Throws<ArgumentException>(() => model.Features(flat));
        Assert.Contains("[B, 1, 28, 28]", e.Message);
        Assert.Throws<ArgumentException>(() => new FeatureClassifier(new FeatureClassifierConfig(ImageSize: 30)));
    }

    [Fact]
    public void BatchedMetricsMatchOneForwardPassAndRestoreTrainMode()
    {
        torch.manual_seed(1);
        using var model = new FeatureClassifier(Tiny);
        using var x = torch.rand(7, 1, 28, 28) * 2 - 1;
        model.train();
        using var batched = ClassifierMetrics.Features(model, x, batchSize: 3);
        Assert.True(model.training, "train mode is restored");
        model.eval();
        using var whole = model.Features(x);
        Assert.True(torch.allclose(batched, whole, rtol: 1e-5, atol: 1e-6));
        using var p = ClassifierMetrics.Probabilities(model, x, batchSize: 2);
        Assert.True(torch.allclose(p.sum(1), torch.ones(7), rtol: 1e-5, atol: 1e-6));
        using var labels = torch.zeros(6, dtype: ScalarType.Int64);
        Assert.Contains("one label per image", Assert.Throws<ArgumentException>(
            () => ClassifierMetrics.Accuracy(model, x, labels)).Message);
    }

    [Fact]
    public void TrainingLearnsASeparableToyProblem()
    {
        // Class 0: dark images with noise; class 1: the same with a bright 10×10 square. Tiny net, 3 short epochs.
        Setup.Seed(2);
        using var scope = torch.NewDisposeScope();
        var y = torch.arange(256) % 2;                                           // [256], int64
        var x = torch.rand(256, 1, 28, 28) * 0.5f - 1;
        x[.., .., 9..19, 9..19] += (y.to(ScalarType.Float32) * 1.5f).view(-1, 1, 1, 1);
        var model = new FeatureClassifier(Tiny);
        var log = new StringWriter();
        var epochs = ClassifierTrainer.Train(model, x, y, new ClassifierTrainingConfig(Epochs: 3, BatchSize: 32), log);
        Assert.Equal(3, epochs.Count);
        Assert.True(epochs[^1].Loss < epochs[0].Loss, $"loss should fall: {string.Join(", ", epochs.Select(e => e.Loss))}");
        Assert.Equal(1.0, ClassifierMetrics.Accuracy(model, x, y));
        Assert.Contains("classifier epoch 3/3", log.ToString());
        Assert.False(model.training, "training leaves the model in eval mode");
    }

    [Fact]
    public void ClassifierMetricsNameWhatTheyMeasure()
    {
        torch.manual_seed(3);
        using var model = new FeatureClassifier(Tiny) { Name = "Toy classifier" };
        using var a = torch.rand(40, 1, 28, 28) * 2 - 1;
        using var b = torch.rand(30, 1, 28, 28) * 2 - 1;
        var fid = ClassifierMetrics.Fid(model, a, b);
        Assert.StartsWith("FID on Toy classifier features (16-d):", fid.ToString());
        Assert.Equal(40, fid.Count1);
        var score = ClassifierMetrics.ClassifierScore(model, a, splits: 4);
        Assert.Contains("IS formula on Toy classifier p(y|x)", score.ToString());
        Assert.DoesNotContain("Inception", fid.ToString() + score);
    }
}
