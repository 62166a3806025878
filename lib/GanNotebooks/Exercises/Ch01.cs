using static GanNotebooks.Exercises.Exercise;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 01 (a basic GAN): the two losses, from logits.</summary>
public static class Ch01
{
    static readonly double[] RealLogits = [2.0, -1.0, 0.5];
    static readonly double[] FakeLogits = [-2.0, 1.0];

    /// <summary>
    /// Exercise 1.1: the discriminator's BCE loss from logits, L_D = mean softplus(−s_real) + mean softplus(s_fake),
    /// for real logits [2, −1, 0.5] and fake logits [−2, 1] (batches of different sizes, so that one mean over all
    /// five logits shows).
    /// </summary>
    /// <param name="lossD">The student's <c>Tensor LossD(Tensor realLogits, Tensor fakeLogits)</c>.</param>
    public static string CheckDiscriminatorLoss(Func<Tensor, Tensor, Tensor> lossD)
    {
        const string id = "1.1";
        using var scope = NewDisposeScope();
        double actual = Scalar(id, "your L_D", Call(id, () => lossD(T(RealLogits), T(FakeLogits))));
        double[] real = RealLogits.Select(s => Softplus(-s)).ToArray(), fake = FakeLogits.Select(Softplus).ToArray();
        double expected = real.Average() + fake.Average();
        Expect(id, $"your L_D for real logits {Format(RealLogits)} and fake logits {Format(FakeLogits)}", actual, expected,
            new(RealLogits.Select(Softplus).Average() + FakeLogits.Select(s => Softplus(-s)).Average(),
                "real and fake are swapped: real images have target 1 (−log σ(s)), fakes target 0 (−log(1 − σ(s)))."),
            new(expected / 2, "did you average the two terms? L_D is their sum (each term is already a mean over its batch)."),
            new(real.Concat(fake).Average(), "did you take one mean over all five logits? Average each batch on its own, then add."),
            new(real.Sum() + fake.Sum(), "did you sum over the batch instead of taking the mean?"),
            new(-expected, "wrong sign: a cross-entropy is −log of a probability, so it is positive."));
        return Correct(id);
    }

    /// <summary>
    /// Exercise 1.2: the non-saturating generator loss L_G = −mean log σ(s_fake) = mean softplus(−s_fake),
    /// for fake logits [−3, 0.5] (the minimax loss, mean log(1 − σ(s)), is the classic wrong answer).
    /// </summary>
    /// <param name="lossG">The student's <c>Tensor LossG(Tensor fakeLogits)</c>.</param>
    public static string CheckGeneratorLoss(Func<Tensor, Tensor> lossG)
    {
        const string id = "1.2";
        double[] fake = [-3.0, 0.5];
        using var scope = NewDisposeScope();
        double actual = Scalar(id, "your L_G", Call(id, () => lossG(T(fake))));
        double expected = fake.Select(s => Softplus(-s)).Average();
        Expect(id, $"your L_G for fake logits {Format(fake)}", actual, expected,
            new(-fake.Select(Softplus).Average(), "that is the minimax loss log(1 − D(G(z))), which saturates; the non-saturating one is −log D(G(z))."),
            new(fake.Select(Softplus).Average(), "that is D's loss on fakes (target 0); G wants D to say 1: −log σ(s) = softplus(−s)."),
            new(-expected, "wrong sign: −log D(G(z)) is positive."),
            new(fake.Select(s => Softplus(-s)).Sum(), "did you sum over the batch instead of taking the mean?"));
        return Correct(id);
    }

    /// <summary>
    /// Exercise 1.3: the gradient of one sample's non-saturating loss softplus(−s) with respect to its logit s,
    /// dL/ds = −σ(−s) = σ(s) − 1, at s = −6 (D sure the sample is fake), 0 and 2. Near −1 where the minimax
    /// loss's gradient −σ(s) vanishes: the reason G is trained with this loss.
    /// </summary>
    /// <param name="gradient">The student's <c>double NonSaturatingGradient(double s)</c>.</param>
    public static string CheckNonSaturatingGradient(Func<double, double> gradient)
    {
        const string id = "1.3";
        static double Sigmoid(double s) => 1 / (1 + Math.Exp(-s));
        foreach (double s in (double[])[-6.0, 0.0, 2.0])
        {
            double actual = Call(id, () => gradient(s));
            double expected = Sigmoid(s) - 1;
            Expect(id, $"your dL_G/ds at s = {Format(s)}", actual, expected,
                new(-Sigmoid(s), "that is the gradient of the minimax loss log(1 − σ(s)), −σ(s), which vanishes when D rejects the fake (s ≪ 0)."),
                new(1 - Sigmoid(s), "wrong sign: the loss softplus(−s) falls as s grows, so its gradient is negative."),
                new(Sigmoid(s) * (1 - Sigmoid(s)), "that is the derivative of σ(s) itself; differentiate −log σ(s)."));
        }
        return Correct(id, "at s = −6, 0 and 2");
    }
}
