using TorchSharp;

namespace GanNotebooks.Models;

/// <summary>
/// A network built from a config record. The config is what a checkpoint stores (and compares on load), and
/// <see cref="Recreate"/> builds a second network of the same architecture (the EMA copy of a generator).
/// Taught in notebook 09 (the EMA copy).
/// </summary>
public interface INetwork
{
    /// <summary>The config record the network was built from.</summary>
    object Config { get; }

    /// <summary>A new network built from the same config: same architecture, fresh random weights, on the CPU.</summary>
    torch.nn.Module Recreate();
}

/// <summary>A generator: a network that maps a latent vector z of length <see cref="LatentDim"/> to an image. Taught in notebook 07.</summary>
public interface IGenerator : INetwork
{
    /// <summary>Length of the latent vector z (the generator's input is [B, LatentDim]).</summary>
    int LatentDim { get; }
}
