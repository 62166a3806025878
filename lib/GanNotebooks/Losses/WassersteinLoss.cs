using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Losses;

/// <summary>
/// Wasserstein GAN losses (Arjovsky et al. 2017) and the two ways of keeping the critic 1-Lipschitz: weight
/// clipping (WGAN) and the gradient penalty (WGAN-GP, Gulrajani et al. 2017).
/// Taught in notebook 04.
/// </summary>
public static class WassersteinLoss
{
    /// <summary>Critic loss: the negative of the critic's estimate of the Wasserstein-1 distance.</summary>
    /// <remarks>L_D = E[D(G(z))] − E[D(x)] = mean d_fake − mean d_real, with d the critic's raw scores.</remarks>
    public static Tensor Critic(Tensor dReal, Tensor dFake) => dFake.mean() - dReal.mean();

    /// <summary>Generator loss.</summary>
    /// <remarks>L_G = −E[D(G(z))] = −mean d_fake.</remarks>
    public static Tensor Generator(Tensor dFake) => -dFake.mean();

    /// <summary>
    /// Weight clipping: every parameter w of <paramref name="critic"/> becomes clamp(w, −c, c), in place, under
    /// no_grad (so the clipping is not part of any graph). Call it after each critic optimizer step.
    /// </summary>
    /// <remarks>w ← clamp(w, −c, c) for all parameters, c = 0.01 in the WGAN paper.</remarks>
    public static void ClipWeights(nn.Module critic, double clipValue = 0.01)
    {
        if (!(clipValue > 0)) throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, "The clip value must be positive (the WGAN paper uses 0.01).");
        using var _ = torch.no_grad();
        foreach (var p in critic.parameters()) p.clamp_(-clipValue, clipValue);
    }

    /// <summary>
    /// The WGAN-GP gradient penalty, as in the paper: at random points x̂ between real and fake samples, each
    /// sample's own gradient norm is pushed towards 1. Build the graph with it (create_graph), add it to the
    /// critic loss, and backward through both.
    /// </summary>
    /// <remarks>
    /// x̂_i = ε_i x_i + (1 − ε_i) x̃_i with ε_i ~ U[0, 1] drawn per sample; g_i = ∇_x̂ D(x̂)_i;
    /// GP = λ · mean_i (‖g_i‖₂ − 1)², the norm of each g_i taken over all its non-batch dimensions (C, H, W).
    /// λ = 10 in the paper. The critic must not use batch norm (each sample's score must depend on that sample only).
    /// </remarks>
    /// <param name="critic">The critic D (for a conditional critic: <c>x => d.call(x, y)</c>).</param>
    /// <param name="xReal">Real samples [B, ...].</param>
    /// <param name="xFake">Generated samples, same shape (detached or not: only x̂ gets a gradient).</param>
    /// <param name="lambda">Penalty weight λ.</param>
    /// <param name="epsilon">Optional ε [B] (for tests and demonstrations); drawn from U[0, 1] when null.</param>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> critic, Tensor xReal, Tensor xFake,
        double lambda = 10.0, Tensor? epsilon = null)
    {
        var g = InterpolateAndGrad(critic, xReal, xFake, epsilon);        // [B, ...]
        var norms = g.flatten(1).norm(1);                                 // [B, C·H·W] -> [B]: ‖g_i‖₂ per sample
        return lambda * (norms - 1).square().mean();
    }

    /// <summary>
    /// WRONG on purpose: the gradient penalty as some blog posts compute it, with ONE norm over the whole batch's
    /// gradient instead of one per sample. Kept so a notebook can show the difference; do not train with it.
    /// </summary>
    /// <remarks>
    /// GP_wrong = λ (‖g‖₂ − 1)² with ‖g‖₂ over all B·C·H·W values together. Since ‖g‖ ≈ √B · (typical per-sample
    /// norm), this pushes each sample's gradient norm towards about 1/√B instead of 1, and it couples the samples.
    /// </remarks>
    public static Tensor WrongGradientPenaltyWholeBatch(Func<Tensor, Tensor> critic, Tensor xReal, Tensor xFake,
        double lambda = 10.0, Tensor? epsilon = null)
    {
        var g = InterpolateAndGrad(critic, xReal, xFake, epsilon);
        return lambda * (g.norm() - 1).square();
    }

    /// <summary>x̂ = ε x + (1 − ε) x̃ (ε per sample) and ∇_x̂ Σ_i D(x̂)_i, with the graph kept for the backward pass.</summary>
    static Tensor InterpolateAndGrad(Func<Tensor, Tensor> critic, Tensor xReal, Tensor xFake, Tensor? epsilon)
    {
        if (!xReal.shape.SequenceEqual(xFake.shape))
            throw new ArgumentException($"Real [{string.Join(", ", xReal.shape)}] and fake [{string.Join(", ", xFake.shape)}] batches must have the same shape for the gradient penalty.");
        long b = xReal.shape[0];
        var broadcast = new long[xReal.dim()];                             // [B, 1, 1, 1] for images
        Array.Fill(broadcast, 1L);
        broadcast[0] = b;
        var eps = epsilon is null
            ? torch.rand(broadcast, dtype: xReal.dtype, device: xReal.device)
            : epsilon.to(xReal.dtype, xReal.device).reshape(broadcast);     // [B] -> [B, 1, 1, 1]
        var xHat = (eps * xReal.detach() + (1 - eps) * xFake.detach()).requires_grad_(true);
        var scores = critic(xHat);                                         // [B]
        // d(Σ_i D(x̂)_i)/dx̂_i = ∇ D(x̂_i) because score i depends on sample i only (no batch norm).
        var gradOut = torch.ones_like(scores);
        return torch.autograd.grad([scores], [xHat], [gradOut], retain_graph: true, create_graph: true)[0];
    }
}
