using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

/// <summary>
/// Malformed IDX files give errors that name the file. The catalog is built with the checksums of the malformed
/// files themselves, so they get past the checksum check and reach the parser.
/// </summary>
public class IdxFormatTests
{
    static DatasetException LoadWith(byte[] imagesGz, byte[] labelsGz, out string imagesPath, out string labelsPath)
    {
        using var folder = new TempFolder();
        string dir = Path.Combine(folder.Path, TinyIdx.Name);
        Directory.CreateDirectory(dir);
        imagesPath = Path.Combine(dir, TinyIdx.ImagesFile);
        labelsPath = Path.Combine(dir, TinyIdx.LabelsFile);
        File.WriteAllBytes(imagesPath, imagesGz);
        File.WriteAllBytes(labelsPath, labelsGz);
        var catalog = TinyIdx.Catalog(imagesGz, labelsGz, []);
        return Assert.Throws<DatasetException>(() =>
            Datasets.Load(TinyIdx.Name, new(DataDir: folder.Path, AllowDownload: false, Log: _ => { }), catalog));
    }

    [Fact]
    public void WrongMagicNumber()
    {
        var tiny = new TinyIdx();
        // A labels file where the images file should be.
        var e = LoadWith(tiny.LabelsGz, tiny.LabelsGz, out string images, out _);
        Assert.StartsWith(images, e.Message);
        Assert.Contains("magic number 0x00000801, expected 0x00000803", e.Message);
        Assert.Equal(images, e.FilePath);
    }

    [Fact]
    public void WrongElementType()
    {
        var tiny = new TinyIdx();
        byte[] floats = TestFiles.Gzip(TestFiles.Idx([TinyIdx.Count, 4, 4], tiny.Pixels, magic: 0x0D03));
        var e = LoadWith(floats, tiny.LabelsGz, out string images, out _);
        Assert.StartsWith(images, e.Message);
        Assert.Contains("magic number 0x00000D03", e.Message);
    }

    [Fact]
    public void TruncatedGzip()
    {
        var tiny = new TinyIdx();
        byte[] cut = tiny.ImagesGz[..(tiny.ImagesGz.Length / 2)];
        var e = LoadWith(cut, tiny.LabelsGz, out string images, out _);
        Assert.StartsWith(images, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("Delete it", e.Message);
    }

    [Fact]
    public void NotGzipAtAll()
    {
        var tiny = new TinyIdx();
        byte[] html = "<html>Access denied</html>"u8.ToArray();
        var e = LoadWith(html, tiny.LabelsGz, out string images, out _);
        Assert.StartsWith(images, e.Message);
        Assert.Contains("not a valid gzip file", e.Message);
    }

    [Fact]
    public void DataShorterThanTheHeaderSays()
    {
        var tiny = new TinyIdx();
        byte[] shortData = TestFiles.Gzip(TestFiles.Idx([TinyIdx.Count, 4, 4], tiny.Pixels[..100]));
        var e = LoadWith(shortData, tiny.LabelsGz, out string images, out _);
        Assert.StartsWith(images, e.Message);
        Assert.Contains("is truncated: its header announces 12 × 4 × 4 = 192 bytes of data but it holds 100", e.Message);
    }

    [Fact]
    public void WrongImageDimensions()
    {
        var tiny = new TinyIdx();
        byte[] wide = TestFiles.Gzip(TestFiles.Idx([TinyIdx.Count / 2, 4, 8], tiny.Pixels));
        var e = LoadWith(wide, tiny.LabelsGz, out string images, out _);
        Assert.StartsWith(images, e.Message);
        Assert.Contains("holds 4×8 images, but Tiny IDX images are 4×4", e.Message);
    }

    [Fact]
    public void LabelCountDiffersFromImageCount()
    {
        var tiny = new TinyIdx();
        byte[] fewer = TestFiles.Gzip(TestFiles.Idx([TinyIdx.Count - 1], tiny.Labels[..^1]));
        var e = LoadWith(tiny.ImagesGz, fewer, out string images, out string labels);
        Assert.StartsWith(labels, e.Message);
        Assert.Contains($"holds 11 labels, but the images file {images} holds 12 images", e.Message);
    }

    [Fact]
    public void LabelOutOfRange()
    {
        var tiny = new TinyIdx();
        byte[] labels = [.. tiny.Labels];
        labels[5] = 7; // the tiny dataset has 3 classes
        var e = LoadWith(tiny.ImagesGz, TestFiles.Gzip(TestFiles.Idx([TinyIdx.Count], labels)), out _, out string labelsPath);
        Assert.StartsWith(labelsPath, e.Message);
        Assert.Contains("label 7 at index 5 is out of range 0..2", e.Message);
    }
}
