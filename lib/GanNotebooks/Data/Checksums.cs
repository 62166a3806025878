using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace GanNotebooks.Data;

/// <summary>Checks a file against the checksums of a <see cref="DataFile"/>.</summary>
internal static class Checksums
{
    /// <summary>
    /// Null when <paramref name="path"/> is a genuine copy of <paramref name="file"/>: its bytes match
    /// <see cref="DataFile.FileChecksum"/>, or (gzip files) its decompressed bytes match <see cref="DataFile.ContentChecksum"/>.
    /// Otherwise a sentence saying what did not match. When the check had to decompress the file and it passed,
    /// <paramref name="content"/> holds the decompressed bytes, so that the caller need not decompress it again.
    /// </summary>
    public static string? Mismatch(string path, DataFile file, out Memory<byte>? content)
    {
        content = null;
        (string md5, string? sha256) = Of(path, withSha256: file.FileChecksum.Sha256 is not null);
        if (Matches(file.FileChecksum, md5, sha256)) return null;
        string problem = $"checksum mismatch: MD5 {md5}, expected {file.FileChecksum.Md5}";
        if (file.ContentChecksum is null) return problem;
        Memory<byte> bytes;
        try { bytes = Gunzip(path); }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return $"{problem} (and it does not decompress as gzip)";
        }
#pragma warning disable CA5351 // not security: MD5 is the checksum the datasets publish
        string contentMd5 = Hex(MD5.HashData(bytes.Span));
#pragma warning restore CA5351
        string? contentSha256 = file.ContentChecksum.Sha256 is null ? null : Hex(SHA256.HashData(bytes.Span));
        if (!Matches(file.ContentChecksum, contentMd5, contentSha256))
            return $"{problem} (decompressed: MD5 {contentMd5}, expected {file.ContentChecksum.Md5})";
        content = bytes;
        return null;
    }

    /// <inheritdoc cref="Mismatch(string, DataFile, out Memory{byte}?)"/>
    public static string? Mismatch(string path, DataFile file) => Mismatch(path, file, out _);

    static bool Matches(Checksum expected, string md5, string? sha256) =>
        string.Equals(expected.Md5, md5, StringComparison.OrdinalIgnoreCase)
        && (expected.Sha256 is null || string.Equals(expected.Sha256, sha256, StringComparison.OrdinalIgnoreCase));

    /// <summary>MD5 (and SHA-256 if asked) of a file's bytes.</summary>
    public static (string Md5, string? Sha256) Of(string path, bool withSha256 = false)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha = withSha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        byte[] buffer = new byte[1 << 20];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            md5.AppendData(buffer, 0, n);
            sha?.AppendData(buffer, 0, n);
        }
        return (Hex(md5.GetHashAndReset()), sha is null ? null : Hex(sha.GetHashAndReset()));
    }

    /// <summary>Decompresses a whole gzip file into one buffer (sized from the gzip trailer when it is plausible).</summary>
    /// <exception cref="InvalidDataException">Not gzip, or damaged.</exception>
    public static Memory<byte> Gunzip(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var output = new MemoryStream(CapacityHint(file));
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            gzip.CopyTo(output);
        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    /// <summary>The uncompressed size stored in the last 4 bytes of a gzip file (mod 2^32), if it is plausible
    /// (deflate expands at most 1032-fold).</summary>
    static int CapacityHint(FileStream file)
    {
        if (file.Length < 18) return 0;
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        return size <= 1u << 30 && size <= (ulong)file.Length * 1032 ? (int)size : 0;
    }

    static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}
