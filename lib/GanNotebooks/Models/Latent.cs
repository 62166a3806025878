using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Models;

/// <summary>Latent vectors: fixed noise for progress images, and walks between two z. Taught in notebook 01.</summary>
public static class Latent
{
    /// <summary>
    /// A batch of noise z ~ N(0, I), [n, latentDim], that is the same for the same <paramref name="seed"/> on every
    /// device and does not touch the global random state (it draws from its own CPU generator, then moves to
    /// <paramref name="device"/>). Create it once, outside any dispose scope, and feed it to the generator after
    /// every epoch to watch the same samples improve.
    /// </summary>
    public static Tensor FixedNoise(int n, int latentDim, Device? device = null, long seed = 0)
    {
        using var generator = new torch.Generator((ulong)seed, torch.CPU);
        using var z = torch.randn([n, latentDim], generator: generator);
        return z.to(device ?? torch.CPU);
    }

    /// <summary>
    /// Linear interpolation: z(t) = (1 − t) z0 + t z1 for t = 0, 1/(n−1), ..., 1. Returns [steps, Z];
    /// z0 and z1 are [Z] or [1, Z]. In high dimensions the middle vectors are shorter than typical z (a Gaussian
    /// z has norm about √Z), which is why <see cref="Slerp"/> is often preferred.
    /// </summary>
    public static Tensor Lerp(Tensor z0, Tensor z1, int steps)
    {
        using var scope = torch.NewDisposeScope();
        var (a, b, t) = Prepare(z0, z1, steps);          // a, b: [1, Z]; t: [steps, 1]
        return ((1 - t) * a + t * b).MoveToOuterDisposeScope(); // [steps, Z]
    }

    /// <summary>
    /// Spherical interpolation (Shoemake 1985; White 2016 for GANs):
    /// z(t) = sin((1 − t)Ω)/sin Ω · z0 + sin(tΩ)/sin Ω · z1, with cos Ω = z0·z1 / (‖z0‖ ‖z1‖). Returns [steps, Z].
    /// Falls back to <see cref="Lerp"/> where the arc is undefined: when z0 and z1 are (anti)parallel (sin Ω ≈ 0)
    /// or one of them is the zero vector (then cos Ω = 0/0 is NaN, and so is sin Ω).
    /// </summary>
    public static Tensor Slerp(Tensor z0, Tensor z1, int steps)
    {
        using var scope = torch.NewDisposeScope();
        var (a, b, t) = Prepare(z0, z1, steps);
        double cos = (a * b).sum().ToDouble() / (a.norm().ToDouble() * b.norm().ToDouble());
        double omega = Math.Acos(Math.Clamp(cos, -1.0, 1.0));
        double sin = Math.Sin(omega);
        if (!(sin >= 1e-6)) return Lerp(z0, z1, steps).MoveToOuterDisposeScope();   // also catches NaN
        var wa = torch.sin((1 - t) * omega) / sin;       // [steps, 1]
        var wb = torch.sin(t * omega) / sin;             // [steps, 1]
        return (wa * a + wb * b).MoveToOuterDisposeScope(); // [steps, Z]
    }

    static (Tensor A, Tensor B, Tensor T) Prepare(Tensor z0, Tensor z1, int steps)
    {
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps, "An interpolation needs at least 2 steps (the two ends).");
        var a = z0.reshape(1, -1);                       // [Z] or [1, Z] -> [1, Z]
        var b = z1.reshape(1, -1);
        if (a.shape[1] != b.shape[1])
            throw new ArgumentException($"z0 has {a.shape[1]} values and z1 has {b.shape[1]}: interpolate between two vectors of the same length.");
        var t = torch.linspace(0, 1, steps, dtype: a.dtype, device: a.device).unsqueeze(1); // [steps] -> [steps, 1]
        return (a, b, t);
    }
}
