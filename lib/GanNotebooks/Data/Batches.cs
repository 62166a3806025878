using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Data;

/// <summary>
/// Mini-batches over a dataset that already lives on the training device: each batch is an <c>index_select</c> on the
/// device tensors with a device index tensor, so no host-to-device copy happens per step. The order of an epoch is a
/// permutation drawn from torch's CPU generator, so <c>Setup.Seed(n)</c> makes it repeatable.
/// Taught in notebook 01.
/// </summary>
/// <remarks>
/// Tensor lifetimes: the permutation of an epoch lives from the loop's first step to its end and is freed then.
/// A yielded batch is registered in the dispose scope that is current when the loop asks for it (the caller's), and
/// <see cref="Batches"/> frees it when the loop asks for the next one, so a batch is valid for one step; <c>clone()</c>
/// what you keep longer. A batch the loop stops at (<c>break</c>, <c>First()</c>) is not freed by
/// <see cref="Batches"/>: it belongs to the caller's scope (or to the garbage collector when there is none).
/// </remarks>
public sealed class Batches
{
    readonly ImageDataset data;

    /// <summary>Batches of <paramref name="batchSize"/> over <paramref name="data"/>.</summary>
    /// <param name="data">The dataset, ideally already on the training device (<see cref="ImageDataset.To"/>).</param>
    /// <param name="batchSize">Images per batch.</param>
    /// <param name="shuffle">A new random order each epoch (else the dataset order).</param>
    /// <param name="dropLast">Drop the last, smaller batch (GAN training usually wants equal batches).</param>
    /// <exception cref="ArgumentException">A batch size below 1, or, with <paramref name="dropLast"/>, larger than the
    /// dataset (no batch would ever come out).</exception>
    public Batches(ImageDataset data, int batchSize, bool shuffle = true, bool dropLast = true)
    {
        if (batchSize < 1)
            throw new ArgumentException($"The batch size must be at least 1; got {batchSize}.", nameof(batchSize));
        if (dropLast && batchSize > data.Count)
            throw new ArgumentException(
                $"The batch size {batchSize} is larger than the dataset ({data.Count} images), and dropLast is on, so " +
                "an epoch would have no batch. Use a smaller batch size, more images, or dropLast: false.", nameof(batchSize));
        this.data = data;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
    }

    /// <summary>Images per batch (the last batch of an epoch may be smaller when <see cref="DropLast"/> is off).</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch has a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether the last, smaller batch of an epoch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch.</summary>
    public int Count => DropLast ? data.Count / BatchSize : (data.Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// One epoch: <see cref="Count"/> pairs of images [B, C, H, W] and labels [B] on the dataset's device. The order is
    /// drawn when the loop starts. See the remarks of <see cref="Batches"/> for how long a batch lives.
    /// </summary>
    public IEnumerable<(Tensor X, Tensor Y)> Epoch()
    {
        Tensor order = Order();
        (Tensor X, Tensor Y)? current = null;
        try
        {
            for (int b = 0; b < Count; b++)
            {
                Free(current);
                long start = (long)b * BatchSize;
                using (Tensor index = order.narrow(0, start, Math.Min(BatchSize, data.Count - start)))
                    current = (data.Images.index_select(0, index), data.Labels.index_select(0, index));
                yield return current.Value;
            }
            Free(current); // the loop has moved past the last batch
        }
        finally
        {
            order.Dispose();
        }
    }

    /// <summary>A permutation of 0..N-1 from torch's CPU generator (or 0..N-1 in order), on the data's device,
    /// owned by the epoch (no dispose scope).</summary>
    Tensor Order()
    {
        using var scope = torch.NewDisposeScope();
        Tensor order = Shuffle ? randperm(data.Count) : arange(data.Count, dtype: ScalarType.Int64);
        return order.to(data.Device).DetachFromDisposeScope();
    }

    static void Free((Tensor X, Tensor Y)? batch)
    {
        batch?.X.Dispose();
        batch?.Y.Dispose();
    }
}
