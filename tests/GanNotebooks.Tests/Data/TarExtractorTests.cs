using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

public class TarExtractorTests
{
    static void Extract(byte[] tarGz, string target)
    {
        string archive = Path.Combine(target, "archive.tar.gz");
        Directory.CreateDirectory(target);
        File.WriteAllBytes(archive, tarGz);
        TarExtractor.Extract(archive, target, _ => { });
    }

    [Fact]
    public void PlainFilesAndFoldersAreExtracted()
    {
        using var root = new TempFolder();
        string target = Path.Combine(root.Path, "target");
        Extract(TestFiles.TarGz(("top/", null), ("top/a.bin", [1, 2, 3]), ("top/sub/b.bin", [4])), target);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(target, "top", "a.bin")));
        Assert.Equal([4], File.ReadAllBytes(Path.Combine(target, "top", "sub", "b.bin")));
        Assert.Equal(["target/archive.tar.gz", "target/top/a.bin", "target/top/sub/b.bin"], root.Files());
    }

    [Fact]
    public void AnEntryThatClimbsOutOfTheTargetIsRefusedAndNothingIsWritten()
    {
        using var root = new TempFolder();
        string target = Path.Combine(root.Path, "target");
        byte[] evil = TestFiles.TarGz(("top/a.bin", [1]), ("../evil.bin", [6, 6, 6]), ("top/z.bin", [2]));

        var e = Assert.Throws<DatasetException>(() => Extract(evil, target));

        Assert.Contains("'../evil.bin'", e.Message);
        Assert.Contains("outside the target folder", e.Message);
        Assert.Contains("archive.tar.gz", e.Message);
        Assert.Equal(["target/archive.tar.gz"], root.Files()); // no evil.bin beside target, no half extraction
    }

    [Fact]
    public void AnAbsolutePathEntryIsRefusedAndNothingIsWritten()
    {
        using var root = new TempFolder();
        string target = Path.Combine(root.Path, "target");
        string outside = Path.Combine(root.Path, "outside", "evil.bin");
        byte[] evil = TestFiles.TarGz(("top/a.bin", [1]), (outside, [6]));

        var e = Assert.Throws<DatasetException>(() => Extract(evil, target));

        Assert.Contains("absolute path", e.Message);
        Assert.False(File.Exists(outside));
        Assert.Equal(["target/archive.tar.gz"], root.Files());
    }

    [Fact]
    public void ALinkEntryIsRefused()
    {
        using var root = new TempFolder();
        string target = Path.Combine(root.Path, "target");
        using var tar = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(tar, leaveOpen: true))
            writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.SymbolicLink, "top/link")
            { LinkName = "/etc" });

        var e = Assert.Throws<DatasetException>(() => Extract(TestFiles.Gzip(tar.ToArray()), target));

        Assert.Contains("SymbolicLink", e.Message);
        Assert.Equal(["target/archive.tar.gz"], root.Files());
    }

    [Fact]
    public void AnArchiveThatIsNotTarGzGivesAClearError()
    {
        using var root = new TempFolder();
        var e = Assert.Throws<DatasetException>(() => Extract("not an archive"u8.ToArray(), root.Path));
        Assert.Contains("is not a valid .tar.gz archive", e.Message);
        Assert.Equal(["archive.tar.gz"], root.Files());
    }
}
