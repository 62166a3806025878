namespace GanNotebooks.Data;

/// <summary>Expected checksums of some bytes, lower-case hex. Every one that is given must match.</summary>
internal sealed record Checksum(string Md5, string? Sha256 = null);

/// <summary>
/// One file of a dataset. <see cref="FileChecksum"/> is the checksum of the file as the mirrors serve it (torchvision's MD5s).
/// <see cref="ContentChecksum"/>, for gzip files, is the checksum of the decompressed bytes: it accepts a copy whose gzip
/// container differs but whose data is the official data (Debian recompresses the Fashion-MNIST files).
/// </summary>
internal sealed record DataFile(string Name, Checksum FileChecksum, Checksum? ContentChecksum = null);

internal enum DatasetFormat { Idx, Cifar10Binary }

/// <summary>Where a dataset comes from and what it looks like.</summary>
/// <param name="Name">Dataset name, also the sub-folder of the data folder.</param>
/// <param name="Title">Human-readable name for messages.</param>
/// <param name="Format">How the files are laid out.</param>
/// <param name="ClassNames">The name of each label value.</param>
/// <param name="Channels">C of the images.</param>
/// <param name="Height">H of the images.</param>
/// <param name="Width">W of the images.</param>
/// <param name="TrainFiles">IDX: [images, labels]; CIFAR-10: [archive].</param>
/// <param name="TestFiles">IDX: [images, labels]; CIFAR-10: [archive].</param>
/// <param name="Mirrors">Base URLs, tried in order; a file's URL is base + file name.</param>
/// <param name="SystemFolders">Folders a system package installs the files into, searched after the data folder.</param>
/// <param name="InstallHint">How to install the files with a package manager, if there is a package.</param>
internal sealed record DatasetSpec(
    string Name, string Title, DatasetFormat Format, IReadOnlyList<string> ClassNames,
    int Channels, int Height, int Width,
    IReadOnlyList<DataFile> TrainFiles, IReadOnlyList<DataFile> TestFiles,
    IReadOnlyList<string> Mirrors, IReadOnlyList<string> SystemFolders, string? InstallHint)
{
    public IEnumerable<DataFile> AllFiles => TrainFiles.Concat(TestFiles).Distinct();
}

/// <summary>
/// The datasets <see cref="Datasets.Load(string, DatasetOptions?)"/> knows. <see cref="Default"/> is the real one;
/// tests build their own (same code path, their own small files and checksums).
/// </summary>
internal sealed class DatasetCatalog
{
    readonly Dictionary<string, DatasetSpec> specs;

    public DatasetCatalog(params DatasetSpec[] specs)
    {
        this.specs = specs.ToDictionary(s => Key(s.Name));
        Names = specs.Select(s => s.Name).ToArray();
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The spec for a name; case, '-' and '_' do not matter ("Fashion_MNIST" = "fashion-mnist").</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public DatasetSpec Get(string name) =>
        specs.TryGetValue(Key(name ?? ""), out var spec) ? spec
            : throw new ArgumentException(
                $"Unknown dataset '{name}'. Known datasets: {string.Join(", ", Names.Select(n => $"\"{n}\""))}.",
                nameof(name));

    static string Key(string name) => name.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "");

    public static DatasetCatalog Default { get; } = new(Mnist, FashionMnist, Cifar10);

    // MD5s of the .gz files: torchvision's (torchvision/datasets/mnist.py; for Fashion-MNIST also its README).
    // Content MD5s (of the decompressed IDX files): as published by several independent projects, which agree.
    // Debian's dataset-fashion-mnist recompresses the .gz files (their MD5s differ from torchvision's), but their
    // decompressed bytes match the published content MD5s; the content SHA-256s were computed from those bytes.
    static DatasetSpec Mnist => new(
        "mnist", "MNIST", DatasetFormat.Idx, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], 1, 28, 28,
        [
            new("train-images-idx3-ubyte.gz", new("f68b3c2dcbeaaa9fbdd348bbdeb94873"), new("6bbc9ace898e44ae57da46a324031adb")),
            new("train-labels-idx1-ubyte.gz", new("d53e105ee54ea40749a09fcbcd1e9432"), new("a25bea736e30d166cdddb491f175f624")),
        ],
        [
            new("t10k-images-idx3-ubyte.gz", new("9fb629c4189551a2d022fa330f9573f3"), new("2646ac647ad5339dbf082846283269ea")),
            new("t10k-labels-idx1-ubyte.gz", new("ec29112dd5afa0611ce80d1b7f02629c"), new("27ae3e4e09519cfbb04c329615203637")),
        ],
        ["https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"],
        [], null);

    static DatasetSpec FashionMnist => new(
        "fashion-mnist", "Fashion-MNIST", DatasetFormat.Idx,
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], 1, 28, 28,
        [
            new("train-images-idx3-ubyte.gz", new("8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                new("f4a8712d7a061bf5bd6d2ca38dc4d50a", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888")),
            new("train-labels-idx1-ubyte.gz", new("25c81989df183df01b3e8a0aad5dffbe"),
                new("9018921c3c673c538a1fc5bad174d6f9", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9")),
        ],
        [
            new("t10k-images-idx3-ubyte.gz", new("bef4ecab320f06d8554ea6380940ec79"),
                new("8181f5470baa50b63fa0f6fddb340f0a", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b")),
            new("t10k-labels-idx1-ubyte.gz", new("bb300cfdad3c16e7a12a480ee83cd310"),
                new("15d484375f8d13e6eb1aabb0c3f46965", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
        ],
        ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"],
        ["/usr/share/datasets/fashion-mnist/"],
        "on Debian or Ubuntu: sudo apt install dataset-fashion-mnist (it puts the files into /usr/share/datasets/fashion-mnist/)");

    // MD5 from the dataset's page (https://www.cs.toronto.edu/~kriz/cifar.html); torchvision reads the Python
    // version of CIFAR-10 instead, so it has no checksum for the binary one.
    static DataFile Cifar10Archive => new("cifar-10-binary.tar.gz", new("c32a1d4ab5d03f1284b67883e8d87530"));

    static DatasetSpec Cifar10 => new(
        "cifar10", "CIFAR-10", DatasetFormat.Cifar10Binary,
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"], 3, 32, 32,
        [Cifar10Archive], [Cifar10Archive],
        ["https://www.cs.toronto.edu/~kriz/"],
        [], null);
}
