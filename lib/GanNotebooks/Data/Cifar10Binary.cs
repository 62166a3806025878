namespace GanNotebooks.Data;

/// <summary>
/// Reads the binary version of CIFAR-10 (cifar-10-binary.tar.gz, extracted into <c>cifar-10-batches-bin/</c>):
/// each record is 1 label byte followed by 3072 pixel bytes, the 1024 red, then green, then blue values of a 32×32
/// image in row-major order, which is already the C×H×W layout.
/// </summary>
internal static class Cifar10Binary
{
    public const string Folder = "cifar-10-batches-bin";
    public const int ImageBytes = 3 * 32 * 32;
    public const int RecordBytes = 1 + ImageBytes;

    public static readonly string[] TrainFiles = [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")];
    public static readonly string[] TestFiles = ["test_batch.bin"];

    /// <summary>Reads one split, extracting the (checksum-verified) archive first if the batch files are not there.</summary>
    public static RawImages ReadSplit(DatasetSpec spec, DataFiles files, bool train)
    {
        string folder = Path.Combine(files.Folder, Folder);
        string[] paths = [.. (train ? TrainFiles : TestFiles).Select(f => Path.Combine(folder, f))];
        string? problem = Problem(paths);
        if (problem is not null)
        {
            if (Directory.Exists(folder)) files.Log($"Re-extracting {spec.Title}: {problem}.");
            string archive = files.Get(train ? spec.TrainFiles[0] : spec.TestFiles[0]);
            TarExtractor.Extract(archive, files.Folder, files.Log);
            problem = Problem(paths);
            if (problem is not null)
                throw new DatasetException(
                    $"{archive} passed its checksum but after extracting it {problem}. " +
                    $"Expected the files {string.Join(", ", paths)}.", archive);
        }
        return Read(paths, spec.ClassNames.Count);
    }

    /// <summary>Null when every batch file exists with a whole number of records, else what is wrong.</summary>
    static string? Problem(string[] paths)
    {
        foreach (string path in paths)
        {
            if (!File.Exists(path)) return $"{path} is missing";
            long length = new FileInfo(path).Length;
            if (length == 0 || length % RecordBytes != 0)
                return $"{path} has {length:N0} bytes, not a whole number of {RecordBytes}-byte records";
        }
        return null;
    }

    /// <summary>Concatenates the records of the batch files into pixels (N×3×32×32) and labels (N).</summary>
    static RawImages Read(string[] paths, int classes)
    {
        long total = paths.Sum(p => new FileInfo(p).Length) / RecordBytes;
        byte[] pixels = new byte[total * ImageBytes];
        byte[] labels = new byte[total];
        int n = 0;
        foreach (string path in paths)
        {
            byte[] records = File.ReadAllBytes(path);
            for (int r = 0; r < records.Length / RecordBytes; r++, n++)
            {
                ReadOnlySpan<byte> record = records.AsSpan(r * RecordBytes, RecordBytes);
                if (record[0] >= classes)
                    throw new DatasetException(
                        $"{path} has the label {record[0]} in record {r}, out of range 0..{classes - 1}: it is not a " +
                        $"CIFAR-10 batch file. Delete the folder {Path.GetDirectoryName(path)} and load again.", path);
                labels[n] = record[0];
                record[1..].CopyTo(pixels.AsSpan(n * ImageBytes, ImageBytes));
            }
        }
        return new RawImages(pixels, labels);
    }
}
