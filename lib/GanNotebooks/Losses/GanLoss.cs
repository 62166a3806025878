using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace GanNotebooks.Losses;

/// <summary>
/// The standard GAN losses (Goodfellow et al. 2014) and least squares GAN losses (Mao et al. 2017). The BCE
/// forms take the discriminator's logits s (not probabilities): D(x) = σ(s), and log σ(s) = −softplus(−s),
/// log(1 − σ(s)) = −softplus(s) are computed without ever forming σ(s), so they stay finite for any s.
/// Taught in notebook 01 (cross-entropy); the least-squares losses in notebook 03.
/// </summary>
public static class GanLoss
{
    /// <summary>Discriminator loss: binary cross-entropy with real = 1, fake = 0, from logits.</summary>
    /// <remarks>
    /// L_D = −E[log D(x)] − E[log(1 − D(G(z)))] = mean softplus(−s_real) + mean softplus(s_fake),
    /// the sum of the two BCE terms (the mean is over each batch).
    /// </remarks>
    /// <param name="realLogits">Logits s on real images, [B].</param>
    /// <param name="fakeLogits">Logits s on generated images, [B'].</param>
    public static Tensor DiscriminatorBce(Tensor realLogits, Tensor fakeLogits) =>
        F.softplus(-realLogits).mean() + F.softplus(fakeLogits).mean();

    /// <summary>Non-saturating generator loss (the one to train with).</summary>
    /// <remarks>
    /// L_G = −E[log D(G(z))] = mean softplus(−s_fake). Its gradient is large when D confidently rejects the fakes
    /// (s_fake very negative), which is exactly the situation at the start of training.
    /// </remarks>
    /// <param name="fakeLogits">Logits s on generated images, [B].</param>
    public static Tensor GeneratorNonSaturating(Tensor fakeLogits) => F.softplus(-fakeLogits).mean();

    /// <summary>Original minimax ("saturating") generator loss, for teaching: it stalls when D wins.</summary>
    /// <remarks>
    /// L_G = E[log(1 − D(G(z)))] = −mean softplus(s_fake), to be minimized. For s_fake → −∞ (D sure the sample is
    /// fake) the gradient dL/ds = −σ(s) vanishes, so G stops learning exactly when it is worst.
    /// </remarks>
    /// <param name="fakeLogits">Logits s on generated images, [B].</param>
    public static Tensor GeneratorMinimax(Tensor fakeLogits) => -F.softplus(fakeLogits).mean();

    /// <summary>Least squares discriminator loss (LSGAN with a = 0 for fake, b = 1 for real).</summary>
    /// <remarks>
    /// L_D = 1/2 E[(D(x) − b)²] + 1/2 E[(D(G(z)) − a)²] = 1/2 mean (d_real − 1)² + 1/2 mean d_fake²,
    /// where d is the raw output of D (no sigmoid).
    /// </remarks>
    /// <param name="dReal">Raw outputs of D on real images, [B].</param>
    /// <param name="dFake">Raw outputs of D on generated images, [B'].</param>
    public static Tensor DiscriminatorLeastSquares(Tensor dReal, Tensor dFake) =>
        0.5 * (dReal - 1).square().mean() + 0.5 * dFake.square().mean();

    /// <summary>Least squares generator loss (LSGAN with c = 1: G wants D to call its samples real).</summary>
    /// <remarks>L_G = 1/2 E[(D(G(z)) − c)²] = 1/2 mean (d_fake − 1)².</remarks>
    /// <param name="dFake">Raw outputs of D on generated images, [B].</param>
    public static Tensor GeneratorLeastSquares(Tensor dFake) => 0.5 * (dFake - 1).square().mean();
}
