using GanNotebooks.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// Semi-supervised GAN training (Salimans et al. 2016, §5): the discriminator is a K-class classifier
/// (<see cref="Models.SganDiscriminator"/>) trained on a small labelled batch with cross-entropy and, at the same
/// time, as a real/fake discriminator on unlabelled real images and on fakes (<see cref="SganLoss"/>). The
/// generator is trained with the non-saturating loss on the same D(x) = σ(logsumexp l).
/// Taught in notebook 06.
/// </summary>
/// <remarks>
/// Config: the optimizer settings of <see cref="TrainerConfig"/> apply; the objective must stay
/// <see cref="GanObjective.NonSaturating"/> and n_critic 1 (this trainer has its own losses).
/// </remarks>
public sealed class SganTrainer : GanTrainerBase
{
    readonly nn.Module<Tensor, Tensor> generator;
    readonly nn.Module<Tensor, Tensor> classifier;

    /// <summary>A trainer for G(z) and a classifier D(x) -> [B, K] logits, both already on their device.</summary>
    /// <param name="generator">G: z [B, Z] -> images [B, C, H, W].</param>
    /// <param name="discriminator">D: images -> class logits [B, K], e.g. <see cref="Models.SganDiscriminator"/>.</param>
    /// <param name="config">Optimizer settings; the DCGAN recipe when null.</param>
    /// <param name="latentDim">Length of z; may be left out when the generator is an <see cref="Models.IGenerator"/>.</param>
    public SganTrainer(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator,
        TrainerConfig? config = null, int? latentDim = null)
        : base(generator, discriminator, Checked(config ?? new TrainerConfig()), latentDim)
    {
        this.generator = generator;
        classifier = discriminator;
    }

    /// <inheritdoc/>
    protected override bool ReportsGradientPenalty => false;
    /// <inheritdoc/>
    protected override bool ReportsAccuracy => true;

    /// <summary>
    /// One step with host sync: one discriminator update on (labelled + unlabelled + fake) and one generator
    /// update. Returns LossD = supervised + unsupervised loss, LossG, DReal / DFake = mean D(x) on the unlabelled
    /// and the fake batch, and Accuracy on the labelled batch (before the update).
    /// </summary>
    /// <param name="xLabelled">Labelled real images [Bl, C, H, W].</param>
    /// <param name="yLabelled">Their labels [Bl] (int64).</param>
    /// <param name="xUnlabelled">Unlabelled real images [Bu, C, H, W]; as many fakes are generated.</param>
    public StepResult Step(Tensor xLabelled, Tensor yLabelled, Tensor xUnlabelled)
    {
        StepNoSync(xLabelled, yLabelled, xUnlabelled);
        return FlushMetrics()!;
    }

    /// <summary>The same step as <see cref="Step"/> without a host sync; read with <see cref="GanTrainerBase.FlushMetrics"/>.</summary>
    public void StepNoSync(Tensor xLabelled, Tensor yLabelled, Tensor xUnlabelled)
    {
        CheckBatch(xLabelled, nameof(xLabelled));
        CheckLabels(yLabelled, xLabelled.shape[0], nameof(yLabelled));
        CheckBatch(xUnlabelled, nameof(xUnlabelled));
        using var scope = torch.NewDisposeScope();

        ClearGradients(classifier);
        var logitsL = classifier.call(xLabelled);                       // [Bl, K]
        Tensor xFake;
        using (torch.no_grad()) xFake = generator.call(Noise(xUnlabelled.shape[0]));
        var logitsU = classifier.call(xUnlabelled);                     // [Bu, K]
        var logitsF = classifier.call(xFake);                           // [Bu, K]
        var lossD = SganLoss.Supervised(logitsL, yLabelled) + SganLoss.UnsupervisedDiscriminator(logitsU, logitsF);
        lossD.backward();
        CheckGradientsOnce(generator: false);
        OptimizerD.step();

        ClearGradients(generator);
        var lossG = SganLoss.Generator(classifier.call(generator.call(Noise(xUnlabelled.shape[0]))));
        lossG.backward();
        CheckGradientsOnce(generator: true);
        OptimizerG.step();
        AfterGeneratorStep();

        Record(lossD, lossG, SganLoss.RealProbability(logitsU).mean(), SganLoss.RealProbability(logitsF).mean(),
            null, SganLoss.Accuracy(logitsL, yLabelled));
    }

    /// <summary>
    /// Classifier accuracy on a labelled set (e.g. the test set), in eval mode and without autograd, in chunks
    /// of <paramref name="batchSize"/>; <paramref name="x"/> and <paramref name="labels"/> may live on the CPU.
    /// </summary>
    public float Accuracy(Tensor x, Tensor labels, int batchSize = 500)
    {
        if (x.shape[0] != labels.shape[0]) throw new ArgumentException($"{x.shape[0]} images but {labels.shape[0]} labels.", nameof(labels));
        long correct = Sampling.InEval(classifier, () =>
        {
            long count = 0;
            for (long i = 0; i < x.shape[0]; i += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                long n = Math.Min(batchSize, x.shape[0] - i);
                var logits = classifier.call(x.narrow(0, i, n).to(Device));   // [n, K]
                count += logits.argmax(1).eq(labels.narrow(0, i, n).to(Device)).sum().item<long>();
            }
            return count;
        });
        return (float)correct / x.shape[0];
    }

    /// <summary>Images from the generator (or its EMA copy), in eval mode under no_grad; z [N, Z] on the device.</summary>
    public Tensor Sample(Tensor z, bool useEma = false)
    {
        var net = !useEma ? generator : (nn.Module<Tensor, Tensor>?)Ema?.Model ?? throw new InvalidOperationException(
            "This trainer keeps no EMA of the generator: set TrainerConfig.EmaDecay (e.g. 0.999) to sample with useEma.");
        return Sampling.Generate(net, z);
    }

    static TrainerConfig Checked(TrainerConfig config)
    {
        if (config.Objective != GanObjective.NonSaturating || config.CriticSteps != 1)
            throw new ArgumentException("SganTrainer has its own losses (SganLoss) and one discriminator update per step: " +
                $"leave TrainerConfig.Objective = NonSaturating and CriticSteps = 1 (got {config.Objective}, {config.CriticSteps}).", nameof(config));
        return config;
    }
}
