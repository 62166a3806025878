using static GanNotebooks.Exercises.Exercise;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 04 (WGAN): the critic's loss and the per-sample gradient penalty.</summary>
public static class Ch04
{
    /// <summary>Exercise 4.1: L_D = mean D(G(z)) − mean D(x), for D(x) = [2, 1] and D(G(z)) = [−1, 0.5, 0].</summary>
    /// <param name="criticLoss">The student's <c>Tensor CriticLoss(Tensor dReal, Tensor dFake)</c>.</param>
    public static string CheckCriticLoss(Func<Tensor, Tensor, Tensor> criticLoss)
    {
        const string id = "4.1";
        double[] dReal = [2.0, 1.0], dFake = [-1.0, 0.5, 0.0];
        using var scope = NewDisposeScope();
        double actual = Scalar(id, "your critic loss", Call(id, () => criticLoss(T(dReal), T(dFake))));
        double expected = dFake.Average() - dReal.Average();
        Expect(id, $"your critic loss for D(x) = {Format(dReal)}, D(G(z)) = {Format(dFake)}", actual, expected,
            new(-expected, "wrong sign: the critic maximises mean D(x) − mean D(G(z)), so it minimises the negative."),
            new(dFake.Sum() - dReal.Sum(), "did you sum over the batch instead of taking the mean?"),
            new(dFake.Concat(dReal.Select(d => -d)).Average(), "did you take one mean over both batches? Average each on its own."));
        return Correct(id);
    }

    /// <summary>
    /// Exercise 4.2: the gradient penalty without λ, mean_i (‖∇_x̂ D(x̂)_i‖₂ − 1)², one norm per sample, for a critic
    /// D(x)_i = ½ w Σ x_i² (w = 1, a parameter) whose gradient at sample i is w·x_i, so the per-sample norms are
    /// [0.5, 2, 1] by construction. The penalty must keep its graph (create_graph), so that it trains the critic.
    /// </summary>
    /// <param name="gradientPenalty">The student's <c>Tensor GradientPenalty(Func&lt;Tensor, Tensor&gt; critic, Tensor xHat)</c>; xHat [3, 1, 2, 2] already requires grad.</param>
    public static string CheckGradientPenalty(Func<Func<Tensor, Tensor>, Tensor, Tensor> gradientPenalty)
    {
        const string id = "4.2";
        using var scope = NewDisposeScope();
        var w = ones(1, dtype: ScalarType.Float64).requires_grad_(true);
        Tensor Critic(Tensor x) => 0.5 * w * x.square().flatten(1).sum(1);       // [B, 1, 2, 2] -> [B]
        double[][] samples = [[0.5, 0, 0, 0], [1, 1, 1, 1], [0.6, 0.8, 0, 0]];  // per-sample norms 0.5, 2, 1
        var xHat = T(samples.SelectMany(s => s).ToArray()).reshape(3, 1, 2, 2).requires_grad_(true);
        var penalty = Call(id, () => gradientPenalty(Critic, xHat));
        double actual = Scalar(id, "your penalty", penalty);
        double[] norms = samples.Select(s => Math.Sqrt(s.Sum(v => v * v))).ToArray();
        double expected = norms.Average(n => (n - 1) * (n - 1));
        double wholeBatch = Math.Sqrt(samples.Sum(s => s.Sum(v => v * v)));
        Expect(id, $"your penalty for per-sample gradient norms {Format(norms)}", actual, expected,
            new((wholeBatch - 1) * (wholeBatch - 1), "that is one norm over the whole batch's gradient; take one norm per sample (flatten(1).norm(1)), then the mean."),
            new(norms.Average(n => (n * n - 1) * (n * n - 1)), "did you use the squared norm? Penalise (‖g‖₂ − 1)², with ‖g‖₂ the square root of the sum of squares."),
            new(norms.Sum(n => (n - 1) * (n - 1)), "did you sum over the samples instead of taking the mean?"),
            new(norms.Average(n => n - 1), "did you forget to square (‖g‖ − 1)?"),
            new(10 * expected, "leave λ out here: the check wants mean (‖g‖ − 1)², the trainer multiplies by λ = 10."));
        if (!penalty.requires_grad)
            throw Wrong(id, "your penalty has the right value but no graph back to the critic's weights, so it cannot train the critic: " +
                "pass create_graph: true to torch.autograd.grad.");
        return Correct(id);
    }
}
