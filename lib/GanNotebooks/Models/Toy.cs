using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace GanNotebooks.Models;

/// <summary>Sizes of the small MLPs for 2-D toy data (notebook 04b; Metz et al. 2017 use two hidden layers of 128). Taught in notebook 04b.</summary>
/// <param name="LatentDim">Length of z.</param>
/// <param name="Hidden">Width of both hidden layers.</param>
/// <param name="DataDim">Dimension of a data point (2 for points in the plane).</param>
public sealed record ToyConfig(int LatentDim = 16, int Hidden = 128, int DataDim = 2);

/// <summary>
/// Toy generator: z [B, Z] -> Linear(Z, H) -> ReLU -> Linear(H, H) -> ReLU -> Linear(H, D) -> points [B, D], no
/// output squashing (the ring lies outside [-1, 1]). Taught in notebook 04b.
/// </summary>
public sealed class ToyGenerator : nn.Module<Tensor, Tensor>, IGenerator
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>Builds the generator from <paramref name="config"/>.</summary>
    public ToyGenerator(ToyConfig config) : base(nameof(ToyGenerator))
    {
        Config = config;
        fc1 = nn.Linear(config.LatentDim, config.Hidden);
        fc2 = nn.Linear(config.Hidden, config.Hidden);
        fc3 = nn.Linear(config.Hidden, config.DataDim);
        RegisterComponents();
    }

    /// <summary>The config this generator was built from.</summary>
    public ToyConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public int LatentDim => Config.LatentDim;
    /// <inheritdoc/>
    public nn.Module Recreate() => new ToyGenerator(Config);

    /// <summary>z [B, Z] -> points [B, D].</summary>
    public override Tensor forward(Tensor z)
    {
        var h = F.relu(fc1.call(z));                     // [B, H]
        h = F.relu(fc2.call(h));                         // [B, H]
        return fc3.call(h);                              // [B, D]
    }
}

/// <summary>
/// Toy discriminator or critic: points [B, D] -> Linear(D, H) -> LeakyReLU(0.2) -> Linear(H, H) -> LeakyReLU(0.2)
/// -> Linear(H, 1) -> raw output [B] (a logit, an LSGAN output or a critic value; no batch norm, so WGAN-GP may use it).
/// Taught in notebook 04b.
/// </summary>
public sealed class ToyDiscriminator : nn.Module<Tensor, Tensor>, INetwork
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>Builds the discriminator from <paramref name="config"/> (<see cref="ToyConfig.LatentDim"/> is unused).</summary>
    public ToyDiscriminator(ToyConfig config) : base(nameof(ToyDiscriminator))
    {
        Config = config;
        fc1 = nn.Linear(config.DataDim, config.Hidden);
        fc2 = nn.Linear(config.Hidden, config.Hidden);
        fc3 = nn.Linear(config.Hidden, 1);
        RegisterComponents();
    }

    /// <summary>The config this discriminator was built from.</summary>
    public ToyConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public nn.Module Recreate() => new ToyDiscriminator(Config);

    /// <summary>points [B, D] -> raw outputs [B].</summary>
    public override Tensor forward(Tensor x)
    {
        var h = F.leaky_relu(fc1.call(x), 0.2);          // [B, H]
        h = F.leaky_relu(fc2.call(h), 0.2);              // [B, H]
        return fc3.call(h).squeeze(1);                  // [B, 1] -> [B]
    }
}
