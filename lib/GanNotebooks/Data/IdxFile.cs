using System.Buffers.Binary;

namespace GanNotebooks.Data;

/// <summary>The raw bytes of a split before they become tensors: N×C×H×W pixels (0..255) and N labels.</summary>
internal sealed record RawImages(Memory<byte> Pixels, byte[] Labels)
{
    public int Count => Labels.Length;
}

/// <summary>
/// Reads gzip-compressed IDX files (the MNIST format): a 4-byte magic number <c>00 00 08 r</c> (unsigned bytes,
/// r dimensions), r big-endian int32 sizes, then the data in row-major order.
/// </summary>
internal static class IdxFile
{
    const byte UnsignedByte = 0x08;

    /// <summary>Reads the images and labels of one split of an IDX dataset such as MNIST.</summary>
    public static RawImages ReadSplit(DatasetSpec spec, DataFiles files, bool train)
    {
        var (imagesFile, labelsFile) = train ? (spec.TrainFiles[0], spec.TrainFiles[1]) : (spec.TestFiles[0], spec.TestFiles[1]);
        var (imagesPath, imagesContent) = files.GetWithContent(imagesFile);
        var (labelsPath, labelsContent) = files.GetWithContent(labelsFile);
        var (dims, pixels) = Read(imagesPath, imagesContent, rank: 3, "images: count × rows × columns");
        if (dims[1] != spec.Height || dims[2] != spec.Width)
            throw Bad(imagesPath, $"holds {dims[1]}×{dims[2]} images, but {spec.Title} images are {spec.Height}×{spec.Width}");
        var (labelDims, labels) = Read(labelsPath, labelsContent, rank: 1, "labels: count");
        if (labelDims[0] != dims[0])
            throw Bad(labelsPath, $"holds {labelDims[0]:N0} labels, but the images file {imagesPath} holds {dims[0]:N0} images");
        byte[] labelArray = labels.ToArray();
        int bad = Array.FindIndex(labelArray, l => l >= spec.ClassNames.Count);
        if (bad >= 0)
            throw Bad(labelsPath, $"label {labelArray[bad]} at index {bad} is out of range 0..{spec.ClassNames.Count - 1}");
        return new RawImages(pixels, labelArray);
    }

    /// <summary>The dimensions and the data of a gzip-compressed IDX file of unsigned bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="decompressed">Its decompressed bytes if already at hand, else null.</param>
    /// <param name="rank">The number of dimensions expected.</param>
    /// <param name="shape">What the dimensions mean, for messages.</param>
    /// <exception cref="DatasetException">Not gzip, truncated, wrong magic number, or sizes that do not add up.</exception>
    public static (int[] Dims, Memory<byte> Data) Read(string path, Memory<byte>? decompressed, int rank, string shape)
    {
        Memory<byte> content = decompressed ?? Decompress(path);
        int length = content.Length;
        int expectedMagic = UnsignedByte << 8 | rank;
        if (length < 4) throw Bad(path, $"is only {length} bytes long after decompression: too short for an IDX file");
        int magic = BinaryPrimitives.ReadInt32BigEndian(content.Span);
        if (magic != expectedMagic)
            throw Bad(path, $"starts with the magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} " +
                            $"(IDX, unsigned bytes, {rank} dimension(s) = {shape}); it is not the right kind of file");
        int header = 4 + 4 * rank;
        if (length < header) throw Bad(path, $"is truncated: {length} bytes, shorter than its {header}-byte header");
        int[] dims = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(content.Span[(4 + 4 * i)..]);
            if (dims[i] <= 0) throw Bad(path, $"has a size of {dims[i]} for dimension {i} in its header");
            expected *= dims[i];
        }
        long actual = length - header;
        string announced = $"its header announces {string.Join(" × ", dims)} = {expected:N0} bytes of data";
        if (actual < expected) throw Bad(path, $"is truncated: {announced} but it holds {actual:N0}");
        if (actual > expected) throw Bad(path, $"is too long: {announced} but it holds {actual:N0}");
        return (dims, content.Slice(header, (int)expected));
    }

    static Memory<byte> Decompress(string path)
    {
        try { return Checksums.Gunzip(path); }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw Bad(path, $"is not a valid gzip file, or it is truncated or damaged ({e.Message})", e);
        }
    }

    internal static DatasetException Bad(string path, string problem, Exception? inner = null) =>
        new($"{path} {problem}. Delete it and load again to download a fresh copy, or replace it with the original file.",
            path, inner);
}
