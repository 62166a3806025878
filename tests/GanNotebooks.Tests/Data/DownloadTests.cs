using System.IO.Compression;
using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

/// <summary>The download path against a real HTTP server on the loopback interface, with real files and checksums.</summary>
public class DownloadTests
{
    static readonly Action<string> Quiet = _ => { };

    static void AssertHoldsTinyData(ImageDataset data, TinyIdx tiny)
    {
        Assert.Equal([TinyIdx.Count, 1, TinyIdx.Size, TinyIdx.Size], data.Images.shape);
        Assert.Equal(tiny.Pixels.Select(TestFiles.Scaled).ToArray(), data.Images.data<float>().ToArray());
        Assert.Equal(tiny.Labels.Select(l => (long)l).ToArray(), data.Labels.data<long>().ToArray());
    }

    [Fact]
    public void AGoodDownloadIsVerifiedSavedAndLoaded()
    {
        var tiny = new TinyIdx();
        using var server = new LoopbackServer();
        server.Serve(TinyIdx.ImagesFile, tiny.ImagesGz);
        server.Serve(TinyIdx.LabelsFile, tiny.LabelsGz);
        using var folder = new TempFolder();
        var log = new List<string>();

        using var data = Datasets.Load(TinyIdx.Name, new(DataDir: folder.Path, Log: log.Add), tiny.Catalog([server.BaseUrl]));

        AssertHoldsTinyData(data, tiny);
        Assert.Equal([Path.Combine(TinyIdx.Name, TinyIdx.ImagesFile), Path.Combine(TinyIdx.Name, TinyIdx.LabelsFile)], folder.Files());
        Assert.Equal(tiny.ImagesGz, File.ReadAllBytes(Path.Combine(folder.Path, TinyIdx.Name, TinyIdx.ImagesFile)));
        Assert.Contains(log, l => l.Contains("checksum OK"));
    }

    [Fact]
    public void ADownloadWithTheWrongChecksumIsRejectedAndNothingIsLeftBehind()
    {
        var tiny = new TinyIdx();
        var other = new TinyIdx(seed: 2); // a well-formed IDX file, just not the expected one
        using var server = new LoopbackServer();
        server.Serve(TinyIdx.ImagesFile, other.ImagesGz);
        server.Serve(TinyIdx.LabelsFile, tiny.LabelsGz);
        using var folder = new TempFolder();

        var e = Assert.Throws<DatasetException>(() =>
            Datasets.Load(TinyIdx.Name, new(DataDir: folder.Path, Log: Quiet), tiny.Catalog([server.BaseUrl])));

        Assert.Contains(TinyIdx.ImagesFile, e.Message);
        Assert.Contains("checksum mismatch", e.Message);
        Assert.Contains(TestFiles.Md5(other.ImagesGz), e.Message);
        Assert.Contains(server.BaseUrl + TinyIdx.ImagesFile, e.Message);
        Assert.Empty(folder.Files()); // no temp file, no bad file
    }

    [Fact]
    public void OfflineTheMessageSaysHowToGetTheFiles()
    {
        var tiny = new TinyIdx();
        using var folder = new TempFolder();
        var catalog = tiny.Catalog(["http://127.0.0.1:9/"], installHint: "sudo apt install tiny-idx-data");

        var e = Assert.Throws<DatasetException>(() =>
            Datasets.Load(TinyIdx.Name, new(DataDir: folder.Path, AllowDownload: false, Log: Quiet), catalog));

        Assert.Contains("AllowDownload", e.Message);
        Assert.Contains("sudo apt install tiny-idx-data", e.Message);
        Assert.Contains($"put the files {TinyIdx.ImagesFile}, {TinyIdx.LabelsFile} into {Path.Combine(folder.Path, TinyIdx.Name)}", e.Message);
        Assert.Contains(DataFolder.Variable, e.Message);
        Assert.Equal(Path.Combine(folder.Path, TinyIdx.Name, TinyIdx.ImagesFile), e.FilePath);
        Assert.Empty(folder.Files());
    }

    [Fact]
    public void WhenTheServerIsGoneTheMessageNamesTheUrlAndTheFix()
    {
        var tiny = new TinyIdx();
        string url;
        using (var server = new LoopbackServer()) url = server.BaseUrl; // started and stopped: nothing listens there now
        using var folder = new TempFolder();

        var e = Assert.Throws<DatasetException>(() =>
            Datasets.Load(TinyIdx.Name, new(DataDir: folder.Path, Log: Quiet), tiny.Catalog([url])));

        Assert.Contains("could not be downloaded", e.Message);
        Assert.Contains(url + TinyIdx.ImagesFile, e.Message);
        Assert.Contains($"into {Path.Combine(folder.Path, TinyIdx.Name)}", e.Message);
        Assert.Empty(folder.Files());
    }

    [Fact]
    public void ACorruptCachedFileIsReplacedByAGoodDownload()
    {
        var tiny = new TinyIdx();
        using var server = new LoopbackServer();
        server.Serve(TinyIdx.ImagesFile, tiny.ImagesGz);
        server.Serve(TinyIdx.LabelsFile, tiny.LabelsGz);
        using var folder = new TempFolder();
        string cached = Path.Combine(folder.Path, TinyIdx.Name, TinyIdx.ImagesFile);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.WriteAllBytes(cached, new TinyIdx(seed: 3).ImagesGz); // parses fine, wrong data
        var log = new List<string>();

        using var data = Datasets.Load(TinyIdx.Name, new(DataDir: folder.Path, Log: log.Add), tiny.Catalog([server.BaseUrl]));

        AssertHoldsTinyData(data, tiny);
        Assert.Equal(tiny.ImagesGz, File.ReadAllBytes(cached));
        Assert.Contains(log, l => l.StartsWith($"Ignoring {cached}: checksum mismatch", StringComparison.Ordinal));
        Assert.Equal([TinyIdx.ImagesFile, TinyIdx.LabelsFile], server.Requests);
    }

    [Fact]
    public void ACorruptCachedFileIsNeverUsedEvenOffline()
    {
        var tiny = new TinyIdx();
        using var folder = new TempFolder();
        string cached = Path.Combine(folder.Path, TinyIdx.Name, TinyIdx.ImagesFile);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        byte[] bad = new TinyIdx(seed: 3).ImagesGz;
        File.WriteAllBytes(cached, bad);

        var e = Assert.Throws<DatasetException>(() =>
            Datasets.Load(TinyIdx.Name, new(DataDir: folder.Path, AllowDownload: false, Log: Quiet), tiny.Catalog([])));

        Assert.Contains($"{cached}: checksum mismatch: MD5 {TestFiles.Md5(bad)}, expected {TestFiles.Md5(tiny.ImagesGz)}", e.Message);
    }

    [Fact]
    public void TheSameDataInAnotherGzipContainerIsAcceptedByItsContentChecksum()
    {
        // Debian recompresses Fashion-MNIST: other .gz bytes, same IDX bytes.
        var tiny = new TinyIdx();
        byte[] recompressed = TestFiles.Gzip(TestFiles.Idx([TinyIdx.Count, TinyIdx.Size, TinyIdx.Size], tiny.Pixels), CompressionLevel.NoCompression);
        Assert.NotEqual(TestFiles.Md5(tiny.ImagesGz), TestFiles.Md5(recompressed));
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, TinyIdx.Name));
        File.WriteAllBytes(Path.Combine(folder.Path, TinyIdx.Name, TinyIdx.ImagesFile), recompressed);
        File.WriteAllBytes(Path.Combine(folder.Path, TinyIdx.Name, TinyIdx.LabelsFile), tiny.LabelsGz);

        using var data = Datasets.Load(TinyIdx.Name, new(DataDir: folder.Path, AllowDownload: false, Log: Quiet), tiny.Catalog([]));

        AssertHoldsTinyData(data, tiny);
    }

    [Fact]
    public void MirrorsFromTheOptionsAreTriedInOrderWithTheDataFolderLayout()
    {
        var tiny = new TinyIdx();
        using var server = new LoopbackServer();
        server.Serve($"second/{TinyIdx.Name}/{TinyIdx.ImagesFile}", tiny.ImagesGz);
        server.Serve($"second/{TinyIdx.Name}/{TinyIdx.LabelsFile}", tiny.LabelsGz);
        using var folder = new TempFolder();
        var options = new DatasetOptions(DataDir: folder.Path, Log: Quiet, Mirrors: [server.BaseUrl + "first", server.BaseUrl + "second/"]);

        using var data = Datasets.Load(TinyIdx.Name, options, tiny.Catalog(["http://127.0.0.1:9/never-used/"]));

        AssertHoldsTinyData(data, tiny);
        Assert.Equal(
            [$"first/{TinyIdx.Name}/{TinyIdx.ImagesFile}", $"second/{TinyIdx.Name}/{TinyIdx.ImagesFile}",
             $"first/{TinyIdx.Name}/{TinyIdx.LabelsFile}", $"second/{TinyIdx.Name}/{TinyIdx.LabelsFile}"],
            server.Requests);
    }
}

[Collection(nameof(EnvironmentVariableCollection))]
public class DownloadEnvironmentTests
{
    [Fact]
    public void GanDataMirrorsOverridesTheCatalogMirrors()
    {
        var tiny = new TinyIdx();
        using var server = new LoopbackServer();
        server.Serve($"m/{TinyIdx.Name}/{TinyIdx.ImagesFile}", tiny.ImagesGz);
        server.Serve($"m/{TinyIdx.Name}/{TinyIdx.LabelsFile}", tiny.LabelsGz);
        using var folder = new TempFolder();
        using var _ = new EnvVar(Datasets.MirrorsVariable, $"http://127.0.0.1:9/down; {server.BaseUrl}m");

        using var data = Datasets.Load(TinyIdx.Name, new(DataDir: folder.Path, Log: _ => { }), tiny.Catalog(["http://127.0.0.1:9/"]));

        Assert.Equal(TinyIdx.Count, data.Count);
        Assert.Equal([$"m/{TinyIdx.Name}/{TinyIdx.ImagesFile}", $"m/{TinyIdx.Name}/{TinyIdx.LabelsFile}"], server.Requests);
    }
}
