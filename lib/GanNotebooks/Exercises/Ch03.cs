using static GanNotebooks.Exercises.Exercise;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 03 (LSGAN): the two least-squares losses.</summary>
public static class Ch03
{
    /// <summary>
    /// Exercise 3.1: L_D = ½ mean (D(x) − 1)² + ½ mean D(G(z))², for D(x) = [0.8, 1.2, 0.5] and D(G(z)) = [0.2, −0.1].
    /// </summary>
    /// <param name="lossD">The student's <c>Tensor LossD(Tensor dReal, Tensor dFake)</c>.</param>
    public static string CheckDiscriminatorLoss(Func<Tensor, Tensor, Tensor> lossD)
    {
        const string id = "3.1";
        double[] dReal = [0.8, 1.2, 0.5], dFake = [0.2, -0.1];
        using var scope = NewDisposeScope();
        double actual = Scalar(id, "your L_D", Call(id, () => lossD(T(dReal), T(dFake))));
        double[] real = dReal.Select(d => (d - 1) * (d - 1)).ToArray(), fake = dFake.Select(d => d * d).ToArray();
        double expected = 0.5 * real.Average() + 0.5 * fake.Average();
        Expect(id, $"your L_D for D(x) = {Format(dReal)}, D(G(z)) = {Format(dFake)}", actual, expected,
            new(2 * expected, "did you drop the ½?"),
            new(0.5 * dReal.Select(d => d * d).Average() + 0.5 * dFake.Select(d => (d - 1) * (d - 1)).Average(),
                "the targets are swapped: real images go to b = 1, fakes to a = 0."),
            new(0.5 * real.Sum() + 0.5 * fake.Sum(), "did you sum over the batch instead of taking the mean?"),
            new(0.5 * real.Concat(fake).Average(), "did you take one mean over all five outputs? Average each batch on its own."));
        return Correct(id);
    }

    /// <summary>Exercise 3.2: L_G = ½ mean (D(G(z)) − 1)², for D(G(z)) = [0.2, 0.9, −0.5].</summary>
    /// <param name="lossG">The student's <c>Tensor LossG(Tensor dFake)</c>.</param>
    public static string CheckGeneratorLoss(Func<Tensor, Tensor> lossG)
    {
        const string id = "3.2";
        double[] dFake = [0.2, 0.9, -0.5];
        using var scope = NewDisposeScope();
        double actual = Scalar(id, "your L_G", Call(id, () => lossG(T(dFake))));
        double[] squares = dFake.Select(d => (d - 1) * (d - 1)).ToArray();
        double expected = 0.5 * squares.Average();
        Expect(id, $"your L_G for D(G(z)) = {Format(dFake)}", actual, expected,
            new(2 * expected, "did you drop the ½?"),
            new(0.5 * dFake.Select(d => d * d).Average(), "that pulls D(G(z)) toward 0, D's target for fakes; G's target is c = 1."),
            new(0.5 * squares.Sum(), "did you sum over the batch instead of taking the mean?"),
            new(-expected, "wrong sign: a squared error is never negative."));
        return Correct(id);
    }
}
