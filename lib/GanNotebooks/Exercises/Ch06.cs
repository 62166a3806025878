using TorchSharp;
using static GanNotebooks.Exercises.Exercise;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 06 (SGAN): the supervised and the unsupervised discriminator losses from K class logits.</summary>
public static class Ch06
{
    static readonly double[][] Logits = [[2.0, 0.0, -1.0], [0.5, 0.5, 1.0]];
    static readonly double[][] FakeLogits = [[-1.0, -2.0, 0.0], [0.0, -3.0, -0.5], [1.0, 1.0, 1.0]];

    static Tensor Batch(double[][] rows) => T(rows.SelectMany(r => r).ToArray()).reshape(rows.Length, rows[0].Length);

    /// <summary>
    /// Exercise 6.1: the supervised loss, cross-entropy over K classes, −mean log softmax(l)_y, for logits
    /// [[2, 0, −1], [0.5, 0.5, 1]] and labels [0, 2].
    /// </summary>
    /// <param name="supervisedLoss">The student's <c>Tensor SupervisedLoss(Tensor classLogits, Tensor labels)</c>.</param>
    public static string CheckSupervisedLoss(Func<Tensor, Tensor, Tensor> supervisedLoss)
    {
        const string id = "6.1";
        long[] labels = [0, 2];
        using var scope = NewDisposeScope();
        double actual = Scalar(id, "your supervised loss", Call(id, () => supervisedLoss(Batch(Logits), torch.tensor(labels))));
        double[] nll = Logits.Select((l, i) => LogSumExp(l) - l[labels[i]]).ToArray();
        double expected = nll.Average();
        Expect(id, "your supervised loss for logits [[2, 0, −1], [0.5, 0.5, 1]] and labels [0, 2]", actual, expected,
            new(nll.Sum(), "did you sum over the batch instead of taking the mean?"),
            new(-Logits.Select((l, i) => l[labels[i]]).Average(), "that is −mean l_y on raw logits: apply log-softmax first (F.cross_entropy does)."),
            new(-expected, "wrong sign: −log of a probability is positive."));
        return Correct(id);
    }

    /// <summary>
    /// Exercise 6.2: the unsupervised discriminator loss with D(x) = σ(s), s = logsumexp_k l_k:
    /// mean softplus(−s_real) + mean softplus(s_fake), for the real logits of <see cref="CheckSupervisedLoss"/> and
    /// three rows of fake logits.
    /// </summary>
    /// <param name="unsupervisedLoss">The student's <c>Tensor UnsupervisedLoss(Tensor realLogits, Tensor fakeLogits)</c>, both [B, K].</param>
    public static string CheckUnsupervisedLoss(Func<Tensor, Tensor, Tensor> unsupervisedLoss)
    {
        const string id = "6.2";
        using var scope = NewDisposeScope();
        double actual = Scalar(id, "your unsupervised loss", Call(id, () => unsupervisedLoss(Batch(Logits), Batch(FakeLogits))));
        double Loss(Func<double[], double> s) => Logits.Average(l => Softplus(-s(l))) + FakeLogits.Average(l => Softplus(s(l)));
        double expected = Loss(LogSumExp);
        Expect(id, "your unsupervised loss for these real and fake logits", actual, expected,
            new(Loss(l => l.Max()), "the real/fake logit is logsumexp over the classes, not the largest logit."),
            new(Loss(l => l.Sum()), "the real/fake logit is logsumexp over the classes, not their sum."),
            new(Logits.Average(l => Softplus(LogSumExp(l))) + FakeLogits.Average(l => Softplus(-LogSumExp(l))),
                "real and fake are swapped: unlabelled real images should get D(x) → 1, fakes D(G(z)) → 0."),
            new(expected / 2, "did you average the two terms? The loss is their sum."));
        return Correct(id);
    }
}
