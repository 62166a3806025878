using System.Net;

namespace GanNotebooks.Data;

/// <summary>
/// Downloads one file into a temp file next to its target, checks it, and only then renames it into place, so the
/// target path never holds a partial or unverified file.
/// </summary>
internal static class Downloader
{
    static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    // One client for the process (sockets are pooled); it holds no settings that change.
    static readonly HttpClient Http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(60), // until the response headers; the body has a per-read idle timeout
    };

    /// <summary>Downloads <paramref name="url"/> to <paramref name="target"/> if it matches <paramref name="file"/>.</summary>
    /// <exception cref="DownloadFailedException">Network or HTTP error, or the download did not match its checksum.
    /// Nothing is left behind.</exception>
    /// <exception cref="IOException">The target folder cannot be written.</exception>
    public static void Download(Uri url, string target, DataFile file, Action<string> log)
    {
        string folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{file.Name}.{Guid.NewGuid():N}.part");
        try
        {
            log($"Downloading {url} ...");
            long bytes = Task.Run(() => FetchAsync(url, temp, log)).GetAwaiter().GetResult();
            string? mismatch = Checksums.Mismatch(temp, file);
            if (mismatch is not null)
                throw new DownloadFailedException($"the download ({bytes:N0} bytes) failed the check, {mismatch}");
            File.Move(temp, target, overwrite: true);
            log($"Saved {target} ({bytes:N0} bytes, checksum OK).");
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    static async Task<long> FetchAsync(Uri url, string temp, Action<string> log)
    {
        try
        {
            using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new DownloadFailedException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            long? length = response.Content.Headers.ContentLength;
            await using var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            await using var sink = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            return await CopyAsync(source, sink, length, log).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadFailedException(e.StatusCode is HttpStatusCode code ? $"HTTP {(int)code}" : e.Message, e);
        }
        catch (OperationCanceledException e)
        {
            throw new DownloadFailedException("timed out", e);
        }
    }

    static async Task<long> CopyAsync(Stream source, Stream sink, long? length, Action<string> log)
    {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int nextTenth = 1;
        while (true)
        {
            using var idle = new CancellationTokenSource(IdleTimeout);
            int n;
            try { n = await source.ReadAsync(buffer, idle.Token).ConfigureAwait(false); }
            catch (IOException e) { throw new DownloadFailedException($"the connection broke after {total:N0} bytes: {e.Message}", e); }
            if (n == 0) break;
            await sink.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            total += n;
            if (length is > 10_000_000 && total * 10 >= nextTenth * length.Value && nextTenth < 10)
                log($"  {nextTenth++ * 10}% of {length.Value:N0} bytes");
        }
        if (length is long expected && total != expected)
            throw new DownloadFailedException($"the connection closed after {total:N0} of {expected:N0} bytes");
        return total;
    }
}

/// <summary>One mirror could not deliver a good copy of a file; the message says why (for the final report).</summary>
internal sealed class DownloadFailedException(string message, Exception? inner = null) : Exception(message, inner);
