using GanNotebooks.Exercises;
using GanNotebooks.Losses;
using GanNotebooks.Metrics;
using GanNotebooks.Models;
using GanNotebooks.Training;
using MathNet.Numerics.LinearAlgebra;
using F = TorchSharp.torch.nn.functional;

namespace GanNotebooks.Tests.Exercises;

/// <summary>
/// Every check accepts a right answer written with the library (so the check's hand arithmetic agrees with the
/// library's implementation, an independent route) and rejects the common wrong answers, naming the mistake.
/// </summary>
public class CheckTests
{
    static string Rejected(Func<string> check) => Assert.Throws<ExerciseException>(check).Message;

    [Fact]
    public void Ch01DiscriminatorLoss()
    {
        Assert.Equal("✓ Exercise 1.1 correct", Ch01.CheckDiscriminatorLoss(GanLoss.DiscriminatorBce));
        Assert.Contains("real and fake are swapped", Rejected(() => Ch01.CheckDiscriminatorLoss((r, f) => F.softplus(r).mean() + F.softplus(-f).mean())));
        Assert.Contains("did you average the two terms?", Rejected(() => Ch01.CheckDiscriminatorLoss((r, f) => (F.softplus(-r).mean() + F.softplus(f).mean()) / 2)));
        Assert.Contains("one mean over all five logits", Rejected(() => Ch01.CheckDiscriminatorLoss((r, f) => torch.cat([F.softplus(-r), F.softplus(f)]).mean())));
        Assert.Contains("sum over the batch", Rejected(() => Ch01.CheckDiscriminatorLoss((r, f) => F.softplus(-r).sum() + F.softplus(f).sum())));
    }

    [Fact]
    public void Ch01GeneratorLoss()
    {
        Assert.Equal("✓ Exercise 1.2 correct", Ch01.CheckGeneratorLoss(GanLoss.GeneratorNonSaturating));
        Assert.Contains("that is the minimax loss", Rejected(() => Ch01.CheckGeneratorLoss(GanLoss.GeneratorMinimax)));
        Assert.Contains("that is D's loss on fakes", Rejected(() => Ch01.CheckGeneratorLoss(f => F.softplus(f).mean())));
        Assert.Contains("wrong sign", Rejected(() => Ch01.CheckGeneratorLoss(f => -F.softplus(-f).mean())));
    }

    [Fact]
    public void Ch01NonSaturatingGradientAgreesWithAutogradAndRejectsTheMinimaxGradient()
    {
        static double Autograd(double s, Func<Tensor, Tensor> loss)
        {
            var logit = torch.tensor(s, dtype: ScalarType.Float64).requires_grad_(true);
            return torch.autograd.grad([loss(logit)], [logit])[0].item<double>();
        }
        Assert.Equal("✓ Exercise 1.3 correct: at s = −6, 0 and 2", Ch01.CheckNonSaturatingGradient(s => Autograd(s, l => F.softplus(-l))));
        Assert.Contains("gradient of the minimax loss", Rejected(() => Ch01.CheckNonSaturatingGradient(s => Autograd(s, l => -F.softplus(l)))));
        Assert.Contains("wrong sign", Rejected(() => Ch01.CheckNonSaturatingGradient(s => -Autograd(s, l => F.softplus(-l)))));
    }

    [Fact]
    public void Ch02ConvTransposeOutputSizeAgreesWithTorchAndRejectsTheConvolutionFormula()
    {
        // The check's formula against a real ConvTranspose2d on each of its cases.
        foreach (var (h, k, s, p, op) in Ch02.SizeCases)
        {
            using var conv = nn.ConvTranspose2d(1, 1, k, stride: s, padding: p, output_padding: op);
            using var y = conv.call(torch.zeros(1, 1, h, h));
            Assert.Equal((h - 1) * s - 2 * p + k + op, (int)y.shape[2]);
        }
        Assert.Equal("✓ Exercise 2.1 correct: 5 cases", Ch02.CheckConvTransposeOutputSize((h, k, s, p, op) => (h - 1) * s - 2 * p + k + op));
        Assert.Contains("ordinary (strided) convolution", Rejected(() => Ch02.CheckConvTransposeOutputSize((h, k, s, p, op) => (h + 2 * p - k) / s + 1)));
        Assert.Contains("forget the padding", Rejected(() => Ch02.CheckConvTransposeOutputSize((h, k, s, p, op) => (h - 1) * s + k + op)));
        Assert.Contains("−2p, not −p", Rejected(() => Ch02.CheckConvTransposeOutputSize((h, k, s, p, op) => (h - 1) * s - p + k + op)));
        Assert.Contains("forget output_padding", Rejected(() => Ch02.CheckConvTransposeOutputSize((h, k, s, p, op) => (h - 1) * s - 2 * p + k)));
    }

    [Fact]
    public void Ch02ConvOutputSizeAgreesWithTorchAndRejectsRoundingUp()
    {
        foreach (var (h, k, s, p) in Ch02.ConvSizeCases)
        {
            using var conv = nn.Conv2d(1, 1, k, stride: s, padding: p);
            using var y = conv.call(torch.zeros(1, 1, h, h));
            Assert.Equal((h + 2 * p - k) / s + 1, (int)y.shape[2]);
        }
        Assert.Equal("✓ Exercise 2.3 correct: 5 cases", Ch02.CheckConvOutputSize((h, k, s, p) => (h + 2 * p - k) / s + 1));
        Assert.Contains("round down, not up", Rejected(() => Ch02.CheckConvOutputSize((h, k, s, p) => (int)Math.Ceiling((h + 2.0 * p - k) / s) + 1)));
        Assert.Contains("forget the + 1", Rejected(() => Ch02.CheckConvOutputSize((h, k, s, p) => (h + 2 * p - k) / s)));
        Assert.Contains("forget the padding", Rejected(() => Ch02.CheckConvOutputSize((h, k, s, p) => (h - k) / s + 1)));
    }

    [Fact]
    public void Ch02SlerpAgreesWithTheLibraryAndRejectsLerp()
    {
        // Latent.Slerp's t = 1/3 and t = 1/2 points (4 and 3 steps) are the check's cases.
        Tensor LibrarySlerp(Tensor a, Tensor b, double t) => t == 0.5 ? Latent.Slerp(a, b, 3)[1] : Latent.Slerp(a, b, 4)[1];
        Assert.Equal("✓ Exercise 2.2 correct", Ch02.CheckSlerp(LibrarySlerp));
        Assert.Contains("that is lerp", Rejected(() => Ch02.CheckSlerp((a, b, t) => (1 - t) * a + t * b)));
        Assert.Contains("swapped", Rejected(() => Ch02.CheckSlerp((a, b, t) => LibrarySlerp(b, a, t))));
    }

    [Fact]
    public void Ch03DiscriminatorLoss()
    {
        Assert.Equal("✓ Exercise 3.1 correct", Ch03.CheckDiscriminatorLoss(GanLoss.DiscriminatorLeastSquares));
        Assert.Contains("did you drop the ½?", Rejected(() => Ch03.CheckDiscriminatorLoss((r, f) => (r - 1).square().mean() + f.square().mean())));
        Assert.Contains("targets are swapped", Rejected(() => Ch03.CheckDiscriminatorLoss((r, f) => GanLoss.DiscriminatorLeastSquares(f, r))));
        Assert.Contains("sum over the batch", Rejected(() => Ch03.CheckDiscriminatorLoss((r, f) => 0.5 * (r - 1).square().sum() + 0.5 * f.square().sum())));
    }

    [Fact]
    public void Ch03GeneratorLossNamesTheDroppedHalf()
    {
        Assert.Equal("✓ Exercise 3.2 correct", Ch03.CheckGeneratorLoss(GanLoss.GeneratorLeastSquares));
        Assert.Equal("✗ Exercise 3.2: your L_G for D(G(z)) = [0.2, 0.9, -0.5] is 0.9667; expected 0.4833 — did you drop the ½?",
            Rejected(() => Ch03.CheckGeneratorLoss(f => (f - 1).square().mean())));
        Assert.Contains("G's target is c = 1", Rejected(() => Ch03.CheckGeneratorLoss(f => 0.5 * f.square().mean())));
        Assert.Contains("sum over the batch", Rejected(() => Ch03.CheckGeneratorLoss(f => 0.5 * (f - 1).square().sum())));
    }

    [Fact]
    public void Ch04CriticLoss()
    {
        Assert.Equal("✓ Exercise 4.1 correct", Ch04.CheckCriticLoss(WassersteinLoss.Critic));
        Assert.Contains("wrong sign", Rejected(() => Ch04.CheckCriticLoss((r, f) => r.mean() - f.mean())));
        Assert.Contains("sum over the batch", Rejected(() => Ch04.CheckCriticLoss((r, f) => f.sum() - r.sum())));
    }

    static Tensor Gradient(Func<Tensor, Tensor> critic, Tensor xHat, bool createGraph = true)
    {
        var d = critic(xHat);
        return torch.autograd.grad([d], [xHat], [torch.ones_like(d)], create_graph: createGraph)[0];
    }

    [Fact]
    public void Ch04GradientPenaltyAgreesWithTheLibraryAndCatchesTheWholeBatchNorm()
    {
        // The library's penalty at ε = 1 penalises at x̂ = xReal: the same value as the check's, over λ.
        Tensor Library(Func<Tensor, Tensor> critic, Tensor xHat) =>
            WassersteinLoss.GradientPenalty(critic, xHat, torch.zeros_like(xHat), lambda: 1, epsilon: torch.ones(xHat.shape[0], dtype: xHat.dtype));
        Assert.Equal("✓ Exercise 4.2 correct", Ch04.CheckGradientPenalty(Library));
        Assert.Equal("✓ Exercise 4.2 correct", Ch04.CheckGradientPenalty((c, x) => (Gradient(c, x).flatten(1).norm(1) - 1).square().mean()));

        Assert.Contains("one norm over the whole batch's gradient", Rejected(() => Ch04.CheckGradientPenalty((c, x) =>
            WassersteinLoss.WrongGradientPenaltyWholeBatch(c, x, torch.zeros_like(x), lambda: 1, epsilon: torch.ones(x.shape[0], dtype: x.dtype)))));
        Assert.Contains("squared norm", Rejected(() => Ch04.CheckGradientPenalty((c, x) => (Gradient(c, x).square().flatten(1).sum(1) - 1).square().mean())));
        Assert.Contains("leave λ out", Rejected(() => Ch04.CheckGradientPenalty((c, x) => 10 * (Gradient(c, x).flatten(1).norm(1) - 1).square().mean())));
        Assert.Contains("create_graph: true", Rejected(() => Ch04.CheckGradientPenalty((c, x) =>
            (Gradient(c, x, createGraph: false).flatten(1).norm(1) - 1).square().mean())));
    }

    [Fact]
    public void Ch04bModeCoverageAgreesWithTheLibrary()
    {
        static ModeCoverage Measure(Tensor s, Tensor c, double std) => ModeCoverage.Measure(s, c, std, sigmas: 3, minShare: 0);
        Assert.Equal("✓ Exercise 4b.1 correct", Ch04b.CheckModesCovered((s, c, std) => Measure(s, c, std).ModesCovered));
        Assert.Equal("✓ Exercise 4b.2 correct", Ch04b.CheckHighQualityShare((s, c, std) => Measure(s, c, std).HighQualityShare));

        Assert.Contains("within 3σ", Rejected(() => Ch04b.CheckModesCovered((s, c, std) => (int)torch.cdist(s, c).argmin(1).unique().Item1.numel())));
        Assert.Contains("that counts samples", Rejected(() => Ch04b.CheckModesCovered((s, c, std) => Measure(s, c, std).HighQualityPerMode.Sum())));
        Assert.Contains("not σ", Rejected(() => Ch04b.CheckModesCovered((s, c, std) => ModeCoverage.Measure(s, c, std, sigmas: 1, minShare: 0).ModesCovered)));
        Assert.Contains("not a percentage", Rejected(() => Ch04b.CheckHighQualityShare((s, c, std) => 100 * Measure(s, c, std).HighQualityShare)));
    }

    [Fact]
    public void Ch05ConditionalInput()
    {
        Assert.Equal("✓ Exercise 5.1 correct", Ch05.CheckConditionalInput((z, y, k) => torch.cat([z, F.one_hot(y, k).to(z.dtype)], 1)));
        Assert.Contains("along the batch (dim 0)", Rejected(() => Ch05.CheckConditionalInput((z, y, k) => torch.cat([z, F.one_hot(y, k).to(z.dtype)], 0))));
        Assert.Contains("must be one-hot", Rejected(() => Ch05.CheckConditionalInput((z, y, k) => torch.cat([z, y.unsqueeze(1).to(z.dtype)], 1))));
        Assert.Contains("puts the one-hot first", Rejected(() => Ch05.CheckConditionalInput((z, y, k) => torch.cat([F.one_hot(y, k).to(z.dtype), z], 1))));
    }

    [Fact]
    public void Ch05LabelPlanes()
    {
        static Tensor Planes(Tensor x, Tensor y, int k) =>
            F.one_hot(y, k).to(x.dtype)[.., .., TensorIndex.None, TensorIndex.None].expand(-1, -1, x.shape[2], x.shape[3]);
        Assert.Equal("✓ Exercise 5.2 correct", Ch05.CheckLabelPlanes((x, y, k) => torch.cat([x, Planes(x, y, k)], 1)));
        Assert.Contains("puts the label planes first", Rejected(() => Ch05.CheckLabelPlanes((x, y, k) => torch.cat([Planes(x, y, k), x], 1))));
        Assert.Contains("expected [2, 3, 2, 2]", Rejected(() => Ch05.CheckLabelPlanes((x, y, k) => x)));
        Assert.Contains("plane 1 all ones", Rejected(() => Ch05.CheckLabelPlanes((x, y, k) => torch.cat([x, Planes(x, 1 - y, k)], 1))));
    }

    [Fact]
    public void Ch06Losses()
    {
        Assert.Equal("✓ Exercise 6.1 correct", Ch06.CheckSupervisedLoss(SganLoss.Supervised));
        Assert.Contains("apply log-softmax first", Rejected(() => Ch06.CheckSupervisedLoss((l, y) => F.nll_loss(l, y))));
        Assert.Contains("sum over the batch", Rejected(() => Ch06.CheckSupervisedLoss((l, y) => F.cross_entropy(l, y, reduction: nn.Reduction.Sum))));

        Assert.Equal("✓ Exercise 6.2 correct", Ch06.CheckUnsupervisedLoss(SganLoss.UnsupervisedDiscriminator));
        Assert.Contains("not the largest logit", Rejected(() => Ch06.CheckUnsupervisedLoss((r, f) =>
            GanLoss.DiscriminatorBce(r.max(1).values, f.max(1).values))));
        Assert.Contains("real and fake are swapped", Rejected(() => Ch06.CheckUnsupervisedLoss((r, f) => SganLoss.UnsupervisedDiscriminator(f, r))));
    }

    [Fact]
    public void Ch07FidAgreesWithFidMathNetAndCatchesTheProductOfRoots()
    {
        static double Library(Vector<double> m1, Matrix<double> s1, Vector<double> m2, Matrix<double> s2) =>
            FidMathNet.Compute(m1, s1, 10, m2, s2, 10).Value;
        Assert.Equal("✓ Exercise 7.1 correct: both cases", Ch07.CheckFid(Library));
        Assert.Contains("not Σ₁^½ Σ₂^½", Rejected(() => Ch07.CheckFid((m1, s1, m2, s2) =>
            (m1 - m2).DotProduct(m1 - m2) + s1.Trace() + s2.Trace() - 2 * (FidMathNet.SqrtPsd(s1) * FidMathNet.SqrtPsd(s2)).Trace())));
        Assert.Contains("squared distance", Rejected(() => Ch07.CheckFid((m1, s1, m2, s2) =>
            (m1 - m2).L2Norm() + s1.Trace() + s2.Trace() - 2 * FidMathNet.TraceSqrtProduct(s1, s2))));
        Assert.Contains("drop the 2", Rejected(() => Ch07.CheckFid((m1, s1, m2, s2) =>
            (m1 - m2).DotProduct(m1 - m2) + s1.Trace() + s2.Trace() - FidMathNet.TraceSqrtProduct(s1, s2))));
    }

    [Fact]
    public void Ch07ClassifierScoreAgreesWithTheLibrary()
    {
        Assert.Equal("✓ Exercise 7.2 correct: both cases", Ch07.CheckClassifierScore(p => ClassifierScore.Compute(p, "test", splits: 1).Mean));
        static Tensor MeanKl(Tensor p) => (p * (p.log() - p.mean([0], keepdim: true).log())).sum(1).mean();
        Assert.Contains("0 · log 0 = 0", Rejected(() => Ch07.CheckClassifierScore(p => MeanKl(p).exp().item<double>())));
        Assert.Contains("forget the exp", Rejected(() => Ch07.CheckClassifierScore(p => Math.Log(ClassifierScore.Compute(p, "test", splits: 1).Mean))));
    }

    [Fact]
    public void Ch08AgreesWithInformation()
    {
        Assert.Equal("✓ Exercise 8.1 correct", Ch08.CheckCrossEntropy((p, q) => Information.CrossEntropy(p, q)));
        Assert.Contains("p and q are swapped", Rejected(() => Ch08.CheckCrossEntropy((p, q) => Information.CrossEntropy(q, p))));
        Assert.Contains("in bits", Rejected(() => Ch08.CheckCrossEntropy((p, q) => Information.CrossEntropy(p, q, Information.Bits))));

        Assert.Equal("✓ Exercise 8.2 correct: both cases", Ch08.CheckKlDivergence((p, q) => Information.KlDivergence(p, q)));
        Assert.Contains("0 · ln 0 = 0", Rejected(() => Ch08.CheckKlDivergence((p, q) => p.Zip(q).Sum(t => t.First * Math.Log(t.First / t.Second)))));
        Assert.Contains("that is KL(q ‖ p)", Rejected(() => Ch08.CheckKlDivergence((p, q) => Information.KlDivergence(q, p))));

        Assert.Equal("✓ Exercise 8.3 correct", Ch08.CheckBinaryCrossEntropy((y, p) => Information.BinaryCrossEntropy(y, p)));
        Assert.Contains("sum over the samples", Rejected(() => Ch08.CheckBinaryCrossEntropy((y, p) => y.Length * Information.BinaryCrossEntropy(y, p))));
        Assert.Contains("drop the (1 − y)", Rejected(() => Ch08.CheckBinaryCrossEntropy((y, p) => -y.Zip(p, (a, b) => a * Math.Log(b)).Average())));
    }

    [Fact]
    public void Ch09AgreesWithEwmaAndCatchesTheMissingBiasCorrection()
    {
        Assert.Equal("✓ Exercise 9.1 correct", Ch09.CheckBiasCorrectedEma((xs, beta) => Ewma.Smooth(xs, beta, biasCorrection: true)));
        Assert.Contains("no bias correction", Rejected(() => Ch09.CheckBiasCorrectedEma((xs, beta) => Ewma.Smooth(xs, beta, biasCorrection: false))));
        Assert.Contains("β and 1 − β are swapped", Rejected(() => Ch09.CheckBiasCorrectedEma((xs, beta) => Ewma.Smooth(xs, 1 - beta))));

        Assert.Equal("✓ Exercise 9.2 correct", Ch09.CheckEmaStep((e, w, beta) => e.lerp(w, 1 - beta)));

        // The weights by unrolling Ewma: the average of a unit impulse k steps back (no bias correction) is its weight.
        static double Unrolled(int k, double beta) => Ewma.Smooth([1.0, .. new double[k]], beta, biasCorrection: false)[k];
        Assert.Equal("✓ Exercise 9.3 correct: k = 0, 1 and 10", Ch09.CheckWeightKStepsBack(Unrolled));
        Assert.Contains("off by one", Rejected(() => Ch09.CheckWeightKStepsBack((k, beta) => Unrolled(k + 1, beta))));
        Assert.Contains("the newest value enters with 1 − β", Rejected(() => Ch09.CheckWeightKStepsBack((k, beta) => Math.Pow(beta, k))));
        Assert.Contains("β and 1 − β are swapped", Rejected(() => Ch09.CheckEmaStep((e, w, beta) => e.lerp(w, beta))));
    }

    [Fact]
    public void Ch10ReadsTheAnswerFromTheResults()
    {
        (string, double)[] fids = [("DCGAN", 80.5), ("WGAN-GP", 60.25), ("MLP GAN", 200)];
        Assert.Equal("✓ Exercise 10.1 correct: WGAN-GP, FID 60.25", Ch10.CheckLowestFid(() => "WGAN-GP", fids));
        Assert.Contains("that is the highest FID (200); lower FID is better", Rejected(() => Ch10.CheckLowestFid(() => "MLP GAN", fids)));
        Assert.Contains("no variant is called that", Rejected(() => Ch10.CheckLowestFid(() => "wgan-gp", fids)));

        (string, double)[] seconds = [("DCGAN", 10), ("WGAN-GP", 35)];
        Assert.Equal("✓ Exercise 10.2 correct: 3.5×", Ch10.CheckTimeRatio(() => 3.5, seconds));
        Assert.Contains("DCGAN's time over WGAN-GP's", Rejected(() => Ch10.CheckTimeRatio(() => 10.0 / 35, seconds)));
    }
}
