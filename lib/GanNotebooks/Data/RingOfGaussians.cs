using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Data;

/// <summary>
/// A 2-D mixture of <paramref name="Modes"/> equally likely Gaussians with standard deviation <paramref name="Std"/>,
/// centred on a circle of radius <paramref name="Radius"/>: the toy on which mode collapse can be seen (Metz et al.
/// 2017, "Unrolled GANs", §3.1: 8 modes, radius 2, σ = 0.02; VEEGAN and PacGAN measure on the same ring).
/// Taught in notebook 04b.
/// </summary>
/// <param name="Modes">Number of Gaussians K; centre k sits at angle 2πk/K.</param>
/// <param name="Radius">Radius of the circle of centres.</param>
/// <param name="Std">σ of each Gaussian (the same in both coordinates, no correlation).</param>
public sealed record RingOfGaussians(int Modes = 8, double Radius = 2.0, double Std = 0.02)
{
    /// <summary>The K centres, [K, 2] float32: (r cos 2πk/K, r sin 2πk/K).</summary>
    public Tensor Centers(Device? device = null)
    {
        Validate();
        var angles = torch.arange(Modes, dtype: ScalarType.Float64) * (2 * Math.PI / Modes);   // [K]
        var centers = torch.stack([torch.cos(angles), torch.sin(angles)], dim: 1) * Radius;   // [K, 2]
        return centers.to(ScalarType.Float32, device ?? torch.CPU);
    }

    /// <summary>
    /// <paramref name="n"/> samples [n, 2]: a mode k uniform in 0..K−1, then centre_k + σ·N(0, I). Draws from torch's
    /// global generator, so <c>Setup.Seed</c> makes them repeatable.
    /// </summary>
    public Tensor Sample(int n, Device? device = null)
    {
        if (n < 1) throw new ArgumentException($"Ask for at least one sample; got {n}.", nameof(n));
        using var scope = torch.NewDisposeScope();
        var dev = device ?? torch.CPU;
        var k = torch.randint(0, Modes, [n], dtype: ScalarType.Int64, device: dev);           // [n] mode per sample
        var x = Centers(dev).index_select(0, k) + Std * torch.randn([n, 2], device: dev);      // [n, 2]
        return x.MoveToOuterDisposeScope();
    }

    void Validate()
    {
        if (Modes < 1) throw new ArgumentException($"RingOfGaussians.Modes = {Modes}: a ring needs at least one mode.");
        if (!(Radius > 0) || !(Std > 0)) throw new ArgumentException($"RingOfGaussians: Radius ({Radius}) and Std ({Std}) must be positive.");
    }
}
