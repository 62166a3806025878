using static TorchSharp.torch;

namespace GanNotebooks.Data;

/// <summary>
/// Loads MNIST, Fashion-MNIST and CIFAR-10 as tensors. Files are taken from the data folder (see
/// <see cref="DataFolder"/>), then from system folders (Debian's dataset-fashion-mnist), then downloaded from the
/// canonical mirrors; every file is checked against its published checksum before it is used.
/// Taught in notebook 01.
/// </summary>
public static class Datasets
{
    /// <summary>Environment variable with download base URLs (separated by ';'), laid out like the data folder.</summary>
    public const string MirrorsVariable = "GAN_DATA_MIRRORS";

    /// <summary>The datasets <see cref="Load(string, DatasetOptions?)"/> knows.</summary>
    public static readonly string[] Names = [.. DatasetCatalog.Default.Names];

    /// <summary>
    /// Loads a dataset: "mnist", "fashion-mnist" or "cifar10" (case, '-' and '_' do not matter). Images come as float32
    /// [N, C, H, W] in [-1, 1] (pixel / 127.5 − 1), labels as int64 [N].
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones) or bad options.</exception>
    /// <exception cref="DatasetException">A file is missing and cannot be downloaded, or is corrupt; the message
    /// names the file and says how to fix it.</exception>
    public static ImageDataset Load(string name, DatasetOptions? options = null) =>
        Load(name, options, DatasetCatalog.Default);

    /// <summary><see cref="Load(string, DatasetOptions?)"/> with another catalog (tests use small files of their own).</summary>
    internal static ImageDataset Load(string name, DatasetOptions? options, DatasetCatalog catalog)
    {
        DatasetSpec spec = catalog.Get(name);
        options ??= new DatasetOptions();
        Validate(spec, options);
        Action<string> log = options.Log ?? Console.WriteLine;
        var (folder, source) = DataFolder.ResolveWithSource(options.DataDir);
        var files = new DataFiles(spec, folder, source, MirrorsFor(spec, options), options.AllowDownload, log);
        RawImages raw = spec.Format switch
        {
            DatasetFormat.Idx => IdxFile.ReadSplit(spec, files, options.Train),
            DatasetFormat.Cifar10Binary => Cifar10Binary.ReadSplit(spec, files, options.Train),
            _ => throw new NotSupportedException(spec.Format.ToString()),
        };
        RawImages selected = Select(raw, spec, options);
        var dataset = ImageDataset.FromBytes(spec.Name, selected.Pixels, selected.Labels,
            spec.Channels, spec.Height, spec.Width, spec.ClassNames);
        if (options.Device is null || ImageDataset.SameDevice(options.Device, CPU)) return dataset;
        using (dataset) return dataset.To(options.Device);
    }

    /// <summary>Option mirrors, else GAN_DATA_MIRRORS (both as {base}/{name}/), else the dataset's own mirrors.</summary>
    static IReadOnlyList<string> MirrorsFor(DatasetSpec spec, DatasetOptions options)
    {
        IEnumerable<string>? bases = options.Mirrors
            ?? Environment.GetEnvironmentVariable(MirrorsVariable)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (bases is null) return spec.Mirrors;
        string[] mirrors = [.. bases.Select(b => $"{b.TrimEnd('/')}/{spec.Name}/")];
        foreach (string m in mirrors)
            if (!Uri.TryCreate(m, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
                throw new ArgumentException(
                    $"The download mirror '{m}' (from {(options.Mirrors is null ? MirrorsVariable : "the Mirrors option")}) " +
                    "is not an http(s) URL. Give base URLs such as https://example.org/datasets/.", nameof(options));
        return mirrors;
    }

    static void Validate(DatasetSpec spec, DatasetOptions options)
    {
        if (options.Limit is <= 0)
            throw new ArgumentException($"Limit must be positive (or null for all images); got {options.Limit}.", nameof(options));
        foreach (int c in options.Classes ?? [])
            if (c < 0 || c >= spec.ClassNames.Count)
                throw new ArgumentException(
                    $"Class {c} does not exist in {spec.Title}; its classes are " +
                    string.Join(", ", spec.ClassNames.Select((n, i) => $"{i} = {n}")) + ".", nameof(options));
    }

    /// <summary>Applies the class filter, then the limit (first N in file order, or a seeded random subset).</summary>
    static RawImages Select(RawImages raw, DatasetSpec spec, DatasetOptions options)
    {
        int[] keep = options.Classes is { } classes
            ? [.. Enumerable.Range(0, raw.Count).Where(i => Array.IndexOf(classes, (int)raw.Labels[i]) >= 0)]
            : [.. Enumerable.Range(0, raw.Count)];
        if (keep.Length == 0)
            throw new ArgumentException($"No {spec.Title} image has one of the classes [{string.Join(", ", options.Classes!)}].", nameof(options));
        if (options.Limit is int limit && limit < keep.Length)
            keep = options.SubsetSeed is int seed ? RandomSubset(keep, limit, seed) : keep[..limit];
        if (keep.Length == raw.Count) return raw;
        int imageBytes = spec.Channels * spec.Height * spec.Width;
        byte[] pixels = new byte[(long)keep.Length * imageBytes];
        byte[] labels = new byte[keep.Length];
        Span<byte> source = raw.Pixels.Span;
        for (int j = 0; j < keep.Length; j++)
        {
            source.Slice(keep[j] * imageBytes, imageBytes).CopyTo(pixels.AsSpan(j * imageBytes, imageBytes));
            labels[j] = raw.Labels[keep[j]];
        }
        return new RawImages(pixels, labels);
    }

    /// <summary><paramref name="count"/> of <paramref name="indices"/> chosen by a seeded torch generator, in file order.</summary>
    static int[] RandomSubset(int[] indices, int count, int seed)
    {
        using var generator = new Generator((ulong)seed);
        using Tensor permutation = randperm(indices.Length, generator: generator);
        long[] chosen = permutation.data<long>().ToArray()[..count];
        Array.Sort(chosen);
        return [.. chosen.Select(i => indices[i])];
    }
}
