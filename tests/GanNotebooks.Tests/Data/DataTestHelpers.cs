using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

/// <summary>A fresh temp folder, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "gan-data-tests-" + Guid.NewGuid().ToString("N")));

    public string Path { get; }

    /// <summary>Every file under the folder, as paths relative to it.</summary>
    public string[] Files() => [.. Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
        .Select(f => System.IO.Path.GetRelativePath(Path, f)).Order()];

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Builds test files in the real formats.</summary>
public static class TestFiles
{
    /// <summary>An IDX file of unsigned bytes: magic 00 00 08 rank, big-endian sizes, data.</summary>
    public static byte[] Idx(int[] dims, byte[] data, int? magic = null)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic ?? (0x0800 | dims.Length));
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>A .tar.gz with the given entries (name → content; null content = a folder).</summary>
    public static byte[] TarGz(params (string Name, byte[]? Content)[] entries)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                var entry = new PaxTarEntry(content is null ? TarEntryType.Directory : TarEntryType.RegularFile, name);
                if (content is not null) entry.DataStream = new MemoryStream(content);
                writer.WriteEntry(entry);
            }
        return Gzip(tar.ToArray());
    }

#pragma warning disable CA5351 // not security: MD5 is the checksum the datasets publish
    public static string Md5(byte[] data) => Convert.ToHexString(MD5.HashData(data)).ToLowerInvariant();
#pragma warning restore CA5351

    /// <summary>Deterministic pseudo-random bytes below <paramref name="below"/>.</summary>
    public static byte[] Bytes(int count, int seed, int below = 256)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (byte)random.Next(below))];
    }

    /// <summary>Expected tensor value of a pixel byte: x / 127.5 − 1.</summary>
    public static float Scaled(byte x) => (float)(x / 127.5 - 1.0);
}

/// <summary>A tiny IDX dataset ("tiny-idx", 3 classes, 1×4×4 images) and the catalog entry that checks its files.</summary>
public sealed class TinyIdx
{
    public const string Name = "tiny-idx";
    public const int Count = 12, Size = 4;

    public TinyIdx(int seed = 1)
    {
        Pixels = TestFiles.Bytes(Count * Size * Size, seed);
        Labels = TestFiles.Bytes(Count, seed + 100, below: 3);
        ImagesGz = TestFiles.Gzip(TestFiles.Idx([Count, Size, Size], Pixels));
        LabelsGz = TestFiles.Gzip(TestFiles.Idx([Count], Labels));
    }

    public byte[] Pixels { get; }
    public byte[] Labels { get; }
    public byte[] ImagesGz { get; }
    public byte[] LabelsGz { get; }

    public const string ImagesFile = "train-images-idx3-ubyte.gz", LabelsFile = "train-labels-idx1-ubyte.gz";

    /// <summary>A catalog whose tiny-idx entry expects exactly these files (content checksum as well).</summary>
    internal DatasetCatalog Catalog(IReadOnlyList<string> mirrors, string? installHint = null) => Catalog(ImagesGz, LabelsGz, mirrors, installHint);

    internal static DatasetCatalog Catalog(byte[] imagesGz, byte[] labelsGz, IReadOnlyList<string> mirrors, string? installHint = null)
    {
        DataFile images = new(ImagesFile, new(TestFiles.Md5(imagesGz)), Content(imagesGz));
        DataFile labels = new(LabelsFile, new(TestFiles.Md5(labelsGz)), Content(labelsGz));
        return new DatasetCatalog(new DatasetSpec(Name, "Tiny IDX", DatasetFormat.Idx, ["a", "b", "c"], 1, Size, Size,
            [images, labels], [images, labels], mirrors, [], installHint));
    }

    static Checksum? Content(byte[] gz)
    {
        try { return new(TestFiles.Md5(Gunzip(gz))); }
        catch (InvalidDataException) { return null; }
    }

    static byte[] Gunzip(byte[] gz)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress)) gzip.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>An HTTP server on 127.0.0.1 (free port) serving byte arrays by path; anything else is a 404.</summary>
public sealed class LoopbackServer : IDisposable
{
    readonly HttpListener listener = new();
    readonly Task loop;
    readonly Dictionary<string, byte[]> files = new();

    public LoopbackServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        loop = Task.Run(Serve);
    }

    public string BaseUrl { get; }

    /// <summary>Paths requested so far, in order.</summary>
    public List<string> Requests { get; } = [];

    public void Serve(string path, byte[] content) { lock (files) files[path.TrimStart('/')] = content; }

    async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; } // stopped
            string path = context.Request.Url!.AbsolutePath.TrimStart('/');
            byte[]? content;
            lock (files)
            {
                Requests.Add(path);
                files.TryGetValue(path, out content);
            }
            context.Response.StatusCode = content is null ? 404 : 200;
            if (content is not null)
            {
                context.Response.ContentLength64 = content.Length;
                await context.Response.OutputStream.WriteAsync(content);
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
