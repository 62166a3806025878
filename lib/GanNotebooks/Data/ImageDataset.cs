using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Data;

/// <summary>
/// A labelled image dataset held as two tensors: <see cref="Images"/> float32 [N, C, H, W] in [-1, 1] and
/// <see cref="Labels"/> int64 [N]. The dataset owns its tensors (they belong to no dispose scope) and frees them in
/// <see cref="Dispose"/>.
/// Taught in notebook 01; notebook 06 builds a labelled subset.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    /// <summary>
    /// Wraps existing tensors, taking ownership of them (they are detached from any dispose scope).
    /// </summary>
    /// <exception cref="ArgumentException">Wrong dtypes or shapes, or a class-name list that does not fit.</exception>
    public ImageDataset(string name, Tensor images, Tensor labels, IReadOnlyList<string> classNames)
    {
        if (images.dtype != ScalarType.Float32 || images.dim() != 4)
            throw new ArgumentException($"Images must be a float32 [N, C, H, W] tensor; got {images.dtype} [{string.Join(", ", images.shape)}].", nameof(images));
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"Labels must be an int64 [N] tensor with N = {images.shape[0]}; got {labels.dtype} [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (!SameDevice(images.device, labels.device))
            throw new ArgumentException($"Images are on {images.device} but labels on {labels.device}; put both on one device.", nameof(labels));
        Name = name;
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        ClassNames = classNames;
    }

    /// <summary>float32 [N, C, H, W], values in [-1, 1] (pixel / 127.5 − 1).</summary>
    public Tensor Images { get; }

    /// <summary>int64 [N], class indices into <see cref="ClassNames"/>.</summary>
    public Tensor Labels { get; }

    /// <summary>"mnist", "fashion-mnist" or "cifar10" (or the name given to the constructor).</summary>
    public string Name { get; }

    /// <summary>The name of each class index, e.g. "T-shirt/top" for Fashion-MNIST label 0, "horse" for CIFAR-10 7.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of images, N.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>Channels per image, C (1 for MNIST, 3 for CIFAR-10).</summary>
    public int Channels => (int)Images.shape[1];

    /// <summary>Image height, H.</summary>
    public int Height => (int)Images.shape[2];

    /// <summary>Image width, W.</summary>
    public int Width => (int)Images.shape[3];

    /// <summary>The device the tensors live on.</summary>
    public Device Device => Images.device;

    /// <summary>
    /// A dataset whose tensors live on <paramref name="device"/> (copied there once). The new dataset is independent
    /// of this one: dispose each. On the same device the two share storage (nothing is copied).
    /// </summary>
    public ImageDataset To(Device device)
    {
        bool same = SameDevice(Images.device, device);
        Tensor images = same ? Images.detach() : Images.to(device);
        Tensor labels = same ? Labels.detach() : Labels.to(device);
        return new ImageDataset(Name, images, labels, ClassNames);
    }

    /// <summary>Same type, and same index unless one of them leaves it open (-1, as in plain "cuda").</summary>
    internal static bool SameDevice(Device a, Device b) =>
        a.type == b.type && (a.index < 0 || b.index < 0 || a.index == b.index);

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    /// <summary>E.g. "fashion-mnist: 60000 images 1×28×28, 10 classes, on cpu".</summary>
    public override string ToString() =>
        $"{Name}: {Count} images {Channels}×{Height}×{Width}, {ClassNames.Count} classes, on {Device.type.ToString().ToLowerInvariant()}";

    /// <summary>Turns raw 0..255 pixels [N×C×H×W bytes] and labels into a dataset, in bulk (no per-pixel tensor ops).</summary>
    internal static ImageDataset FromBytes(
        string name, Memory<byte> pixels, byte[] labels, int channels, int height, int width, IReadOnlyList<string> classNames)
    {
        using var scope = torch.NewDisposeScope();
        Tensor images = torch.tensor(pixels, [labels.Length, channels, height, width], ScalarType.Byte)
            .to_type(ScalarType.Float32)
            .sub_(127.5).div_(127.5); // x / 127.5 − 1, written so that 0 → −1 and 255 → 1 exactly
        Tensor labelTensor = torch.tensor(labels, ScalarType.Byte).to_type(ScalarType.Int64);
        return new ImageDataset(name, images, labelTensor, classNames);
    }
}
