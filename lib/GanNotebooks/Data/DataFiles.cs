namespace GanNotebooks.Data;

/// <summary>
/// Finds a verified copy of each file of one dataset: in the data folder, then in the system folders, then by
/// downloading it into the data folder. A copy that fails its checksum is never used; a download replaces it.
/// </summary>
internal sealed class DataFiles(
    DatasetSpec spec, string dataFolder, string dataFolderSource, IReadOnlyList<string> mirrors, bool allowDownload,
    Action<string> log)
{
    /// <summary>The dataset's own folder inside the data folder.</summary>
    public string Folder { get; } = Path.Combine(dataFolder, spec.Name);

    public Action<string> Log => log;

    /// <summary>The path of a copy of <paramref name="file"/> whose checksum is right.</summary>
    /// <exception cref="DatasetException">No good copy found or downloadable; the message says how to get one.</exception>
    public string Get(DataFile file) => GetWithContent(file).Path;

    /// <summary>
    /// Like <see cref="Get"/>; also returns the decompressed bytes when the check had to decompress the file (a
    /// recompressed copy checked by its content), so that the reader does not decompress it twice.
    /// </summary>
    public (string Path, Memory<byte>? Content) GetWithContent(DataFile file)
    {
        var tried = new List<string>();
        string local = Path.Combine(Folder, file.Name);
        foreach (string candidate in spec.SystemFolders.Select(f => Path.Combine(f, file.Name)).Prepend(local))
        {
            if (!File.Exists(candidate)) { tried.Add($"{candidate}: not there"); continue; }
            string? mismatch = Checksums.Mismatch(candidate, file, out Memory<byte>? content);
            if (mismatch is null) return (candidate, content);
            tried.Add($"{candidate}: {mismatch}, so it was not used");
            log($"Ignoring {candidate}: {mismatch}.");
        }
        if (!allowDownload)
            throw Missing(file, tried, "downloading is turned off (AllowDownload = false)");
        if (mirrors.Count == 0)
            throw Missing(file, tried, "no download mirror is configured");
        foreach (string mirror in mirrors)
        {
            var url = new Uri(new Uri(mirror.EndsWith('/') ? mirror : mirror + "/"), file.Name);
            try
            {
                Downloader.Download(url, local, file, log);
                return (local, null);
            }
            catch (DownloadFailedException e) { tried.Add($"{url}: {e.Message}"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DatasetException(
                    $"Cannot save {spec.Title} file {file.Name} into {Folder} (data folder from {dataFolderSource}): " +
                    $"{e.Message}. Set {DataFolder.Variable} (or the DataDir option) to a folder you can write to.",
                    local, e);
            }
        }
        throw Missing(file, tried, "it could not be downloaded");
    }

    DatasetException Missing(DataFile file, List<string> tried, string why)
    {
        string[] all = [.. spec.AllFiles.Select(f => f.Name)];
        (string these, string they) = all.Length == 1 ? ("the file", "it is") : ("the files", "they are");
        var fixes = new List<string>();
        if (spec.InstallHint is not null) fixes.Add(spec.InstallHint);
        fixes.Add($"put {these} {string.Join(", ", all)} into {Folder}" +
                  (spec.Mirrors.Count > 0 ? $" ({they} at {spec.Mirrors[0]})" : ""));
        fixes.Add($"or set {DataFolder.Variable} to a folder that has a {spec.Name}/ sub-folder with {(all.Length == 1 ? "that file" : "those files")} " +
                  $"(the data folder is now {dataFolder}, from {dataFolderSource})");
        if (!allowDownload) fixes.Add("or allow downloading (AllowDownload = true)");
        return new DatasetException(
            $"No good copy of the {spec.Title} file {file.Name}: {why}.{Environment.NewLine}" +
            $"Looked at:{Environment.NewLine}{Bullets(tried)}{Environment.NewLine}" +
            $"To fix it, do one of these:{Environment.NewLine}{Bullets(fixes)}",
            Path.Combine(Folder, file.Name));
    }

    static string Bullets(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines.Select(l => $"  - {l}"));
}
