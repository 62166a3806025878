using System.Formats.Tar;
using System.IO.Compression;

namespace GanNotebooks.Data;

/// <summary>
/// Extracts a .tar.gz archive safely: plain files and folders only, every entry must land inside the target folder
/// (no absolute paths, no <c>..</c> escapes, no links), and the result appears all at once (extracted into a temp
/// folder first, then moved into place).
/// </summary>
internal static class TarExtractor
{
    /// <summary>Extracts <paramref name="archive"/> into <paramref name="targetFolder"/>, replacing what it replaces.</summary>
    /// <exception cref="DatasetException">An unsafe entry, or not a valid .tar.gz; nothing is extracted then.</exception>
    public static void Extract(string archive, string targetFolder, Action<string> log)
    {
        targetFolder = Path.GetFullPath(targetFolder);
        string temp = Path.Combine(targetFolder, $".extract-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            log($"Extracting {archive} into {targetFolder} ...");
            using (var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            using (var reader = new TarReader(gzip))
            {
                while (reader.GetNextEntry() is TarEntry entry)
                    ExtractEntry(entry, temp, archive);
            }
            MoveContents(temp, targetFolder);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new DatasetException(
                $"{archive} is not a valid .tar.gz archive, or it is truncated or damaged ({e.Message}). " +
                "Delete it and load again to download a fresh copy.", archive, e);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    static void ExtractEntry(TarEntry entry, string root, string archive)
    {
        string name = entry.Name;
        if (Path.IsPathRooted(name) || name.StartsWith('/') || name.StartsWith('\\') || (name.Length > 1 && name[1] == ':'))
            throw Refuse(archive, name, "it is an absolute path");
        string full = Path.GetFullPath(Path.Combine(root, name));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw Refuse(archive, name, "it would be written outside the target folder");
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                Directory.CreateDirectory(full);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                entry.ExtractToFile(full, overwrite: true);
                break;
            case TarEntryType.GlobalExtendedAttributes:
                break; // metadata only
            default:
                throw Refuse(archive, name, $"it is a {entry.EntryType} entry, and only plain files and folders are extracted");
        }
    }

    static DatasetException Refuse(string archive, string entryName, string why) =>
        new($"Refusing to extract {archive}: its entry '{entryName}' is unsafe ({why}). Nothing was extracted. " +
            "This is not a genuine copy of the archive: delete it and get the original.", archive);

    /// <summary>Moves each top-level item of <paramref name="from"/> into <paramref name="to"/>, replacing old ones.</summary>
    static void MoveContents(string from, string to)
    {
        foreach (string source in Directory.EnumerateFileSystemEntries(from))
        {
            string target = Path.Combine(to, Path.GetFileName(source));
            if (File.Exists(source)) { File.Move(source, target, overwrite: true); continue; }
            if (!Directory.Exists(target)) { Directory.Move(source, target); continue; }
            string old = Path.Combine(from, $".old-{Guid.NewGuid():N}");
            Directory.Move(target, old); // inside the temp folder, deleted with it
            Directory.Move(source, target);
        }
    }
}
