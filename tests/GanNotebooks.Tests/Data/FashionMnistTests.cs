using System.Buffers.Binary;
using System.IO.Compression;
using GanNotebooks.Data;
using GanNotebooks.Testing;

namespace GanNotebooks.Tests.Data;

/// <summary>
/// The real Fashion-MNIST files of Debian's dataset-fashion-mnist package, through the production catalog (with
/// GAN_FASHION_MNIST_DIR set: the production entry with that folder as its system folder).
/// </summary>
public class FashionMnistTests
{
    static readonly string SystemFolder = TestMachine.FashionMnistFolder;

    /// <summary>The production catalog, its Fashion-MNIST system folder replaced when GAN_FASHION_MNIST_DIR names another.</summary>
    static readonly DatasetCatalog Catalog = DatasetCatalog.Default.Get("fashion-mnist").SystemFolders
        .Any(f => Path.TrimEndingDirectorySeparator(f) == SystemFolder)
        ? DatasetCatalog.Default
        : new(DatasetCatalog.Default.Get("fashion-mnist") with { SystemFolders = [SystemFolder] });

    static void RequireDataset() =>
        TestMachine.RequireFolder(SystemFolder, "apt-get install dataset-fashion-mnist, or set GAN_FASHION_MNIST_DIR");

    /// <summary>Loads from the system folder: the data folder is an empty temp folder, downloads are off.</summary>
    static ImageDataset Load(bool train, TempFolder empty, int? limit = null, int[]? classes = null, int? seed = null) =>
        Datasets.Load("fashion-mnist", new(Train: train, Limit: limit, Classes: classes, SubsetSeed: seed,
            DataDir: empty.Path, AllowDownload: false, Log: _ => { }), Catalog);

    /// <summary>Independent decoding: gunzip, check the header by hand, return the data bytes.</summary>
    static byte[] Decode(string file, int headerBytes, int magic)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(Path.Combine(SystemFolder, file)), CompressionMode.Decompress))
            gzip.CopyTo(output);
        byte[] all = output.ToArray();
        Assert.Equal(magic, BinaryPrimitives.ReadInt32BigEndian(all));
        return all[headerBytes..];
    }

    static long[] Counts(Tensor labels) => torch.bincount(labels).data<long>().ToArray();

    [Fact]
    public void TheTrainingSplitMatchesAnIndependentDecoding()
    {
        RequireDataset();
        using var empty = new TempFolder();
        using var data = Load(train: true, empty);

        Assert.Equal("fashion-mnist", data.Name);
        Assert.Equal([60000, 1, 28, 28], data.Images.shape);
        Assert.Equal((60000, 1, 28, 28), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal(-1f, data.Images.min().item<float>());
        Assert.Equal(1f, data.Images.max().item<float>());
        Assert.Equal(Enumerable.Repeat(6000L, 10), Counts(data.Labels));
        Assert.Equal("T-shirt/top", data.ClassNames[0]);
        Assert.Equal("Ankle boot", data.ClassNames[9]);

        byte[] pixels = Decode("train-images-idx3-ubyte.gz", 16, 0x803);
        byte[] labels = Decode("train-labels-idx1-ubyte.gz", 8, 0x801);
        foreach (int i in new[] { 0, 12345, 59999 })
        {
            using var image = data.Images[i].flatten();
            Assert.Equal(pixels.AsSpan(i * 784, 784).ToArray().Select(TestFiles.Scaled).ToArray(), image.data<float>().ToArray());
            Assert.Equal(labels[i], data.Labels[i].item<long>());
        }
        Assert.Equal(9, labels[0]); // the first training image is an ankle boot
        Assert.Empty(empty.Files()); // nothing was copied or downloaded
    }

    [Fact]
    public void TheTestSplitHas10000ImagesAThousandPerClass()
    {
        RequireDataset();
        using var empty = new TempFolder();
        using var data = Load(train: false, empty);
        Assert.Equal([10000, 1, 28, 28], data.Images.shape);
        Assert.Equal(Enumerable.Repeat(1000L, 10), Counts(data.Labels));
        byte[] labels = Decode("t10k-labels-idx1-ubyte.gz", 8, 0x801);
        Assert.Equal(labels.Select(l => (long)l).ToArray(), data.Labels.data<long>().ToArray());
    }

    [Fact]
    public void LimitClassesAndASeededSubset()
    {
        RequireDataset();
        using var empty = new TempFolder();
        byte[] pixels = Decode("t10k-images-idx3-ubyte.gz", 16, 0x803);
        byte[] labels = Decode("t10k-labels-idx1-ubyte.gz", 8, 0x801);

        using (var first = Load(train: false, empty, limit: 100))
            Assert.Equal(pixels[..(100 * 784)].Select(TestFiles.Scaled).ToArray(), first.Images.data<float>().ToArray());

        using (var shoes = Load(train: false, empty, classes: [5, 7, 9], limit: 50))
        {
            int[] expected = [.. Enumerable.Range(0, 10000).Where(i => labels[i] is 5 or 7 or 9).Take(50)];
            Assert.Equal(expected.Select(i => (long)labels[i]).ToArray(), shoes.Labels.data<long>().ToArray());
        }

        using var a = Load(train: false, empty, limit: 30, seed: 3);
        using var b = Load(train: false, empty, limit: 30, seed: 3);
        using var c = Load(train: false, empty, limit: 30, seed: 4);
        long[] chosen = torch.randperm(10000, generator: new torch.Generator(3)).data<long>().ToArray()[..30];
        Array.Sort(chosen);
        Assert.Equal(chosen.Select(i => (long)labels[i]).ToArray(), a.Labels.data<long>().ToArray());
        Assert.Equal(pixels.AsSpan((int)chosen[0] * 784, 784).ToArray().Select(TestFiles.Scaled).ToArray(),
            a.Images[0].flatten().data<float>().ToArray());
        Assert.Equal(a.Images.data<float>().ToArray(), b.Images.data<float>().ToArray());
        Assert.NotEqual(a.Images.data<float>().ToArray(), c.Images.data<float>().ToArray());
    }

    [Fact]
    public void DebiansRecompressedFilesPassOnTheirContentChecksum()
    {
        RequireDataset();
        DatasetSpec spec = Catalog.Get("fashion-mnist");
        foreach (DataFile file in spec.AllFiles)
        {
            string path = Path.Combine(SystemFolder, file.Name);
            Assert.NotEqual(file.FileChecksum.Md5, Checksums.Of(path).Md5); // the .gz container differs from the mirror's
            Assert.Null(Checksums.Mismatch(path, file)); // but the data is the official data
        }
    }

    [Theory]
    [InlineData("mnist", "train-images-idx3-ubyte.gz", "https://ossci-datasets.s3.amazonaws.com/mnist/")]
    [InlineData("cifar10", "cifar-10-binary.tar.gz", "https://www.cs.toronto.edu/~kriz/")]
    public void OfflineTheRealCatalogSaysWhereToGetTheFiles(string name, string file, string mirror)
    {
        using var empty = new TempFolder();
        var e = Assert.Throws<DatasetException>(() =>
            Datasets.Load(name, new(DataDir: empty.Path, AllowDownload: false, Log: _ => { })));
        Assert.Contains($"file {file}: downloading is turned off", e.Message);
        Assert.Contains($"{file}{(name == "mnist" ? ", train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz" : "")} into {Path.Combine(empty.Path, name)} ({(name == "mnist" ? "they are" : "it is")} at {mirror})", e.Message);
        Assert.Empty(empty.Files());
    }

    [Fact]
    public void UnknownNamesAndBadOptionsAreClearErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => Datasets.Load("cifar100"));
        Assert.Contains("\"mnist\", \"fashion-mnist\", \"cifar10\"", e.Message);
        Assert.Equal(["mnist", "fashion-mnist", "cifar10"], Datasets.Names);
        var c = Assert.Throws<ArgumentException>(() => Datasets.Load("CIFAR-10", new(Classes: [10])));
        Assert.Contains("7 = horse", c.Message);
        Assert.Throws<ArgumentException>(() => Datasets.Load("fashion_mnist", new(Limit: 0)));
    }
}
