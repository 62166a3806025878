using static TorchSharp.torch;

namespace GanNotebooks.Data;

/// <summary>How <see cref="Datasets.Load(string, DatasetOptions?)"/> finds, selects and places a dataset. Taught in notebook 01.</summary>
/// <param name="Train">The training split (true) or the test split (false).</param>
/// <param name="Limit">Keep at most this many images (after the class filter): the first <c>Limit</c> in file order,
/// or, when <paramref name="SubsetSeed"/> is set, a random subset of that size (kept in file order).</param>
/// <param name="Classes">Keep only images with these labels (e.g. <c>[7]</c> = CIFAR-10 horses). Labels keep their
/// original values.</param>
/// <param name="Device">Put the tensors on this device (default: CPU).</param>
/// <param name="DataDir">The data folder; wins over the <c>GAN_DATA_DIR</c> environment variable, which wins over the
/// repository's <c>data/</c> folder. Files live in <c>{DataDir}/{dataset name}/</c>.</param>
/// <param name="AllowDownload">Download missing files from the dataset's mirrors (always checksum-verified).</param>
/// <param name="SubsetSeed">With <paramref name="Limit"/>: pick the subset at random with this seed (torch's CPU
/// generator, independent of the global seed). Null: the first <c>Limit</c> images.</param>
/// <param name="Mirrors">Base URLs to download from instead of the dataset's canonical mirrors, each laid out like the
/// data folder: <c>{mirror}/{dataset name}/{file name}</c>. Wins over the <c>GAN_DATA_MIRRORS</c> environment variable
/// (base URLs separated by <c>;</c>).</param>
/// <param name="Log">Where progress lines go (downloads, extraction, skipped corrupt files). Null: the console.</param>
public sealed record DatasetOptions(
    bool Train = true,
    int? Limit = null,
    int[]? Classes = null,
    Device? Device = null,
    string? DataDir = null,
    bool AllowDownload = true,
    int? SubsetSeed = null,
    IReadOnlyList<string>? Mirrors = null,
    Action<string>? Log = null);
