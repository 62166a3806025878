using GanNotebooks.Data;
using GanNotebooks.Metrics;

namespace GanNotebooks.Tests.Metrics;

public sealed class FeatureClassifierStoreTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "gan-metrics-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void SavedWeightsLoadBackWithTheirRecordAndGiveTheSameOutputs()
    {
        torch.manual_seed(5);
        using var model = new FeatureClassifier(new FeatureClassifierConfig(Conv1: 4, Conv2: 8, FeatureDim: 16));
        model.eval();
        var saved = FeatureClassifierStore.Save(model, folder, "Fashion_MNIST", new ClassifierTrainingConfig(Epochs: 1),
            seed: 5, accuracy: 0.5, testImages: 10, trainedOn: "cpu, test", seconds: 1);
        Assert.Equal("fashion-mnist", saved.Dataset);
        Assert.Equal((5, 0.5, 10, "cpu, test"), (saved.Seed, saved.TestAccuracy, saved.TestImages, saved.TrainedOn));
        // The checksum is the file's, computed here independently of the store.
        using (var bin = File.OpenRead(Path.Combine(folder, "fashion-mnist-classifier.bin")))
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bin)), saved.Sha256);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        string info = Path.Combine(folder, "fashion-mnist-classifier.json");
        using var loaded = FeatureClassifierStore.LoadFile(info, CPU, out var read);
        Assert.Equal(saved, read);
        Assert.Equal("Fashion-MNIST classifier", loaded.Name);
        Assert.Equal(16, loaded.Config.FeatureDim);
        Assert.False(loaded.training);
        using var x = torch.rand(2, 1, 28, 28);
        using var expected = model.call(x);
        using var actual = loaded.call(x);
        Assert.True(expected.eq(actual).all().item<bool>());
    }

    [Fact]
    public void ACorruptWeightsFileIsRefusedWithWhatToDo()
    {
        using var model = new FeatureClassifier(new FeatureClassifierConfig(Conv1: 4, Conv2: 8, FeatureDim: 16));
        FeatureClassifierStore.Save(model, folder, "mnist", new ClassifierTrainingConfig(), 0, 0.5, 10, "cpu", 1);
        string weights = Path.Combine(folder, "mnist-classifier.bin");
        byte[] bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);
        var e = Assert.Throws<InvalidDataException>(() =>
            FeatureClassifierStore.Load("mnist", CPU, new ClassifierLoadOptions(WeightsDir: folder, Log: TextWriter.Null)));
        Assert.Contains("SHA-256", e.Message);
        Assert.Contains("delete both files", e.Message);
    }

    [Fact]
    public void MissingWeightsWithoutTrainingIsAClearError()
    {
        var options = new ClassifierLoadOptions(WeightsDir: folder, AllowTraining: false, DataDir: folder,
            Log: TextWriter.Null);
        var e = Assert.Throws<FileNotFoundException>(() => FeatureClassifierStore.Load("mnist", CPU, options));
        Assert.Contains("mnist-classifier.json", e.Message);
        Assert.Contains(folder, e.Message);
    }

    [Fact]
    public void MissingWeightsAreTrainedOnceCachedInTheDataFolderAndThenLoaded()
    {
        int trainings = 0;
        void FakeTrainAndSave(string name, string dir, ClassifierTrainingConfig training, TextWriter log, string? dataDir)
        {
            trainings++;
            Assert.Equal((name, 3, folder), ("mnist", training.Epochs, dataDir));
            using var model = new FeatureClassifier(new FeatureClassifierConfig(Conv1: 4, Conv2: 8, FeatureDim: 16));
            FeatureClassifierStore.Save(model, dir, name, training, 0, 0.99, 10_000, "cpu, test", 1);
        }
        var log = new StringWriter();
        var options = new ClassifierLoadOptions(DataDir: folder, Log: log);
        using (var first = FeatureClassifierStore.Load("MNIST", CPU, options, FakeTrainAndSave))
            Assert.Equal("MNIST classifier", first.Name);
        Assert.Contains("training one now (3 epochs)", log.ToString());
        Assert.True(File.Exists(Path.Combine(folder, "weights", "mnist-classifier.bin")));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "weights"), "*.tmp"));

        using (var second = FeatureClassifierStore.Load("mnist", CPU, options, FakeTrainAndSave))
            Assert.Equal(16, second.Config.FeatureDim);
        Assert.Equal(1, trainings);
        Assert.Contains("Loaded the MNIST feature classifier", log.ToString());
    }

    [Fact]
    public void ColourDatasetsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => FeatureClassifierStore.Load("cifar10", CPU));
        Assert.Contains("28×28 grey images", e.Message);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void ShippedFashionMnistWeightsReachTheirRecordedTestAccuracy()
    {
        var options = new ClassifierLoadOptions(AllowTraining: false, Log: TextWriter.Null);
        string? info = FeatureClassifierStore.SearchFolders(options)
            .Select(f => Path.Combine(f, FeatureClassifierStore.InfoFileName("fashion-mnist")))
            .FirstOrDefault(File.Exists);
        // Both are part of the project (the weights in data/weights/, the dataset from tools/setup.sh): fail, never skip.
        Assert.True(info is not null, "the shipped weights data/weights/fashion-mnist-classifier.* are missing");
        ImageDataset test;
        try { test = Datasets.Load("fashion-mnist", new DatasetOptions(Train: false, AllowDownload: false, Log: _ => { })); }
        catch (DatasetException e) { Assert.Fail($"the Fashion-MNIST test set is missing: run tools/setup.sh ({e.Message})"); throw; }
        using (test)
        {
            using var model = FeatureClassifierStore.Load("fashion-mnist", CPU, options);
            var record = FeatureClassifierStore.ReadInfo(info!);
            using (var bin = File.OpenRead(Path.Combine(Path.GetDirectoryName(info)!, record.File)))
                Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bin)), record.Sha256);
            Assert.Equal(test.Count, record.TestImages);
            double accuracy = ClassifierMetrics.Accuracy(model, test.Images, test.Labels);
            Assert.True(accuracy >= 0.90, $"test accuracy {accuracy}");
            // CPU kernels can differ in the last bits across machines and thread counts: allow a handful of flips.
            Assert.True(Math.Abs(accuracy - record.TestAccuracy) <= 0.002,
                $"test accuracy {accuracy}, recorded {record.TestAccuracy}");
        }
    }
}
