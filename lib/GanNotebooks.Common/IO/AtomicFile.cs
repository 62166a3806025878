using System.Text;

namespace GanNotebooks.IO;

/// <summary>
/// Writes a file so that the path holds either the old complete file or the new complete file, never a
/// half-written one: the content goes to a temporary file in the same folder, which is renamed over the target
/// only after it was written and flushed. On failure the temporary file is deleted and the old file is untouched.
/// Used by checkpoints, image grids and the classifier weights store, and by the tools for notebooks, pages and reports.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through <paramref name="write"/>; the folder must exist (a clear error says so otherwise).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cannot write '{path}': the folder '{folder}' does not exist. Create it first (Directory.CreateDirectory).");
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/>, creating the folder when needed.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, creating the folder when needed.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
}
