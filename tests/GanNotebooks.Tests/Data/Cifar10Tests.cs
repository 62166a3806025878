using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

/// <summary>CIFAR-10 binary parsing on a tiny archive in the real layout (cifar-10-batches-bin/*.bin records of
/// 1 label byte + 1024 R + 1024 G + 1024 B bytes), served over loopback HTTP.</summary>
public class Cifar10Tests
{
    const int PerTrainFile = 4, TestRecords = 3;
    const string Archive = "cifar-10-binary.tar.gz";

    sealed record Split(byte[] Labels, byte[] Pixels);

    static (byte[] File, byte[] Labels, byte[] Pixels) Batch(int records, int seed)
    {
        byte[] labels = [.. Enumerable.Range(0, records).Select(i => (byte)((seed * records + i) % 10))];
        byte[] pixels = TestFiles.Bytes(records * 3072, seed);
        byte[] file = new byte[records * 3073];
        for (int r = 0; r < records; r++)
        {
            file[r * 3073] = labels[r];
            pixels.AsSpan(r * 3072, 3072).CopyTo(file.AsSpan(r * 3073 + 1));
        }
        return (file, labels, pixels);
    }

    static (byte[] TarGz, Split Train, Split Test) TinyArchive(params (string Name, byte[]? Content)[] extra)
    {
        var train = Enumerable.Range(1, 5).Select(i => Batch(PerTrainFile, seed: i)).ToArray();
        var test = Batch(TestRecords, seed: 9);
        var entries = new List<(string, byte[]?)> { ("cifar-10-batches-bin/", null) };
        entries.AddRange(train.Select((b, i) => ($"cifar-10-batches-bin/data_batch_{i + 1}.bin", (byte[]?)b.File)));
        entries.Add(("cifar-10-batches-bin/test_batch.bin", test.File));
        entries.Add(("cifar-10-batches-bin/batches.meta.txt", "airplane\n"u8.ToArray()));
        entries.AddRange(extra);
        return (TestFiles.TarGz([.. entries]),
            new Split([.. train.SelectMany(b => b.Labels)], [.. train.SelectMany(b => b.Pixels)]),
            new Split(test.Labels, test.Pixels));
    }

    static DatasetCatalog Catalog(byte[] archive, IReadOnlyList<string> mirrors)
    {
        DataFile file = new(Archive, new(TestFiles.Md5(archive)));
        return new DatasetCatalog(new DatasetSpec("tiny-cifar", "Tiny CIFAR", DatasetFormat.Cifar10Binary,
            ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"], 3, 32, 32,
            [file], [file], mirrors, [], null));
    }

    [Fact]
    public void TheArchiveIsDownloadedExtractedAndParsedIntoNchw()
    {
        var (tarGz, train, test) = TinyArchive();
        using var server = new LoopbackServer();
        server.Serve(Archive, tarGz);
        using var folder = new TempFolder();
        var catalog = Catalog(tarGz, [server.BaseUrl]);

        using var trainSet = Datasets.Load("tiny-cifar", new(DataDir: folder.Path, Log: _ => { }), catalog);
        using var testSet = Datasets.Load("tiny-cifar", new(Train: false, DataDir: folder.Path, Log: _ => { }), catalog);

        Assert.Equal([5 * PerTrainFile, 3, 32, 32], trainSet.Images.shape);
        Assert.Equal(train.Pixels.Select(TestFiles.Scaled).ToArray(), trainSet.Images.data<float>().ToArray());
        Assert.Equal(train.Labels.Select(l => (long)l).ToArray(), trainSet.Labels.data<long>().ToArray());
        Assert.Equal([TestRecords, 3, 32, 32], testSet.Images.shape);
        Assert.Equal(test.Pixels.Select(TestFiles.Scaled).ToArray(), testSet.Images.data<float>().ToArray());
        Assert.Equal([Archive], server.Requests); // extracted once, the test split came from the extracted folder
        Assert.Contains(Path.Combine("tiny-cifar", "cifar-10-batches-bin", "data_batch_5.bin"), folder.Files());
        // Channel planes: the first green value of image 0 is byte 1024 of its record's pixels.
        using var green = trainSet.Images[0, 1, 0, 0];
        Assert.Equal(TestFiles.Scaled(train.Pixels[1024]), green.item<float>());
    }

    [Fact]
    public void TheClassFilterKeepsOnlyHorses()
    {
        var (tarGz, train, _) = TinyArchive();
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "tiny-cifar"));
        File.WriteAllBytes(Path.Combine(folder.Path, "tiny-cifar", Archive), tarGz); // placed locally, no server

        using var horses = Datasets.Load("tiny-cifar",
            new(Classes: [7], DataDir: folder.Path, AllowDownload: false, Log: _ => { }), Catalog(tarGz, []));

        int[] expected = [.. Enumerable.Range(0, train.Labels.Length).Where(i => train.Labels[i] == 7)];
        Assert.Equal(2, expected.Length);
        Assert.Equal(expected.Length, horses.Count);
        Assert.All(horses.Labels.data<long>().ToArray(), l => Assert.Equal(7L, l));
        Assert.Equal(expected.SelectMany(i => train.Pixels.Skip(i * 3072).Take(3072)).Select(TestFiles.Scaled).ToArray(),
            horses.Images.data<float>().ToArray());
        Assert.Equal("horse", horses.ClassNames[7]);
    }

    [Fact]
    public void AnArchiveWithATarSlipEntryIsRefusedEvenWithTheRightChecksum()
    {
        var (tarGz, _, _) = TinyArchive(("../../evil.bin", [6, 6, 6]));
        using var folder = new TempFolder();
        string archivePath = Path.Combine(folder.Path, "tiny-cifar", Archive);
        Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
        File.WriteAllBytes(archivePath, tarGz);

        var e = Assert.Throws<DatasetException>(() => Datasets.Load("tiny-cifar",
            new(DataDir: folder.Path, AllowDownload: false, Log: _ => { }), Catalog(tarGz, [])));

        Assert.Contains(archivePath, e.Message);
        Assert.Contains("'../../evil.bin'", e.Message);
        Assert.Equal([Path.Combine("tiny-cifar", Archive)], folder.Files());
        Assert.False(File.Exists(Path.Combine(folder.Path, "evil.bin")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(folder.Path)!, "evil.bin")));
    }

    [Fact]
    public void ADamagedExtractedBatchFileIsReExtractedFromTheArchive()
    {
        var (tarGz, train, _) = TinyArchive();
        using var folder = new TempFolder();
        string dir = Path.Combine(folder.Path, "tiny-cifar");
        Directory.CreateDirectory(Path.Combine(dir, "cifar-10-batches-bin"));
        File.WriteAllBytes(Path.Combine(dir, Archive), tarGz);
        File.WriteAllBytes(Path.Combine(dir, "cifar-10-batches-bin", "data_batch_1.bin"), new byte[100]); // not whole records
        var log = new List<string>();

        using var data = Datasets.Load("tiny-cifar", new(DataDir: folder.Path, AllowDownload: false, Log: log.Add), Catalog(tarGz, []));

        Assert.Equal(train.Labels.Select(l => (long)l).ToArray(), data.Labels.data<long>().ToArray());
        Assert.Contains(log, l => l.Contains("Re-extracting") && l.Contains("data_batch_1.bin has 100 bytes"));
    }
}
