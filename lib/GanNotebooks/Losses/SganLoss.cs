using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace GanNotebooks.Losses;

/// <summary>
/// Semi-supervised GAN losses (Salimans et al. 2016, §5) for a discriminator that outputs K class logits l
/// (see <see cref="Models.SganDiscriminator"/>). With Z(x) = Σ_k exp l_k(x) the real/fake probability is
/// D(x) = Z / (Z + 1) = σ(s) with s = logsumexp_k l_k, so every loss below is a softplus of ±s: stable, and no
/// softmax is taken twice.
/// Taught in notebook 06.
/// </summary>
public static class SganLoss
{
    /// <summary>The real/fake logit s = logsumexp_k l_k, [B, K] -> [B]; D(x) = σ(s).</summary>
    public static Tensor RealLogit(Tensor classLogits) => classLogits.logsumexp(1);

    /// <summary>D(x) = Z / (Z + 1) = σ(logsumexp l), [B, K] -> [B] (for reporting).</summary>
    public static Tensor RealProbability(Tensor classLogits) => torch.sigmoid(RealLogit(classLogits));

    /// <summary>Supervised loss on the labelled batch: cross-entropy over the K classes.</summary>
    /// <remarks>L_sup = −E[log softmax(l)_y] (= F.cross_entropy(l, y), which applies log-softmax once).</remarks>
    public static Tensor Supervised(Tensor classLogits, Tensor labels) => F.cross_entropy(classLogits, labels);

    /// <summary>Unsupervised discriminator loss: unlabelled real images are real, generated ones are fake.</summary>
    /// <remarks>
    /// L_unsup = −E[log D(x)] − E[log(1 − D(G(z)))] = mean softplus(−s_real) + mean softplus(s_fake),
    /// s = logsumexp_k l_k. (log D = s − softplus(s) = −softplus(−s); log(1 − D) = −softplus(s).)
    /// </remarks>
    public static Tensor UnsupervisedDiscriminator(Tensor realLogits, Tensor fakeLogits) =>
        F.softplus(-RealLogit(realLogits)).mean() + F.softplus(RealLogit(fakeLogits)).mean();

    /// <summary>Generator loss, non-saturating.</summary>
    /// <remarks>
    /// L_G = −E[log D(G(z))] = mean softplus(−s_fake). (Salimans et al. got their best semi-supervised results
    /// with feature matching instead; this is the plain GAN loss on the same D.)
    /// </remarks>
    public static Tensor Generator(Tensor fakeLogits) => F.softplus(-RealLogit(fakeLogits)).mean();

    /// <summary>Fraction of rows whose largest logit is the label: logits [B, K], labels [B] -> scalar.</summary>
    public static Tensor Accuracy(Tensor classLogits, Tensor labels) =>
        classLogits.argmax(1).eq(labels).to_type(ScalarType.Float32).mean();
}
