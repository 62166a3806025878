using GanNotebooks.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// Trains a GAN step by step with one of the <see cref="GanObjective"/>s: the standard GAN, DCGAN, LSGAN, WGAN
/// (clipping) and WGAN-GP, unconditional or conditional (the constructor taking
/// <c>Module&lt;Tensor, Tensor, Tensor&gt;</c> networks: G(z, y), D(x, y)). One class with the objective as a
/// switch, rather than one class per variant, so that the step reads the same for all of them and the notebooks
/// can show the single place where the variants differ (<see cref="DiscriminatorLoss"/>, <see cref="GeneratorLoss"/>).
/// Taught in notebook 01 (the training step written out).
/// </summary>
/// <example>
/// <code>
/// using var trainer = new GanTrainer(g, d, TrainerConfig.Dcgan);
/// foreach (var (x, _) in batches) { var r = trainer.Step(x); if (r.Step % 100 == 0) Console.WriteLine(r); }
/// </code>
/// </example>
public sealed class GanTrainer : GanTrainerBase
{
    readonly Func<Tensor, Tensor?, Tensor> generate;      // (z, y) -> images
    readonly Func<Tensor, Tensor?, Tensor> discriminate;  // (x, y) -> scores [B]

    /// <summary>A trainer for an unconditional pair G(z), D(x). The networks must already be on their device.</summary>
    /// <param name="generator">G: z [B, Z] -> images [B, C, H, W].</param>
    /// <param name="discriminator">D: images -> raw outputs [B] (logits, LSGAN outputs or critic scores).</param>
    /// <param name="config">Hyperparameters; the DCGAN recipe when null.</param>
    /// <param name="latentDim">Length of z; may be left out when the generator is an <see cref="Models.IGenerator"/>.</param>
    public GanTrainer(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator,
        TrainerConfig? config = null, int? latentDim = null)
        : base(generator, discriminator, config ?? new TrainerConfig(), latentDim)
    {
        generate = (z, _) => generator.call(z);
        discriminate = (x, _) => discriminator.call(x);
        CheckCriticForPenalty();
    }

    /// <summary>
    /// A trainer for a conditional pair G(z, y), D(x, y). The fakes of a step are generated for the labels of the
    /// real batch, so D sees the same classes, in the same proportions, on both sides.
    /// </summary>
    /// <param name="generator">G: z [B, Z], labels [B] -> images [B, C, H, W].</param>
    /// <param name="discriminator">D: images, labels -> raw outputs [B].</param>
    /// <param name="config">Hyperparameters; the DCGAN recipe when null.</param>
    /// <param name="latentDim">Length of z; may be left out when the generator is an <see cref="Models.IGenerator"/>.</param>
    public GanTrainer(nn.Module<Tensor, Tensor, Tensor> generator, nn.Module<Tensor, Tensor, Tensor> discriminator,
        TrainerConfig? config = null, int? latentDim = null)
        : base(generator, discriminator, config ?? new TrainerConfig(), latentDim)
    {
        IsConditional = true;
        generate = (z, y) => generator.call(z, y!);
        discriminate = (x, y) => discriminator.call(x, y!);
        CheckCriticForPenalty();
    }

    /// <summary>True for conditional networks: then every step needs the labels of the real batch.</summary>
    public bool IsConditional { get; }

    /// <inheritdoc/>
    protected override bool ReportsGradientPenalty => Config.Objective == GanObjective.WassersteinGp;
    /// <inheritdoc/>
    protected override bool ReportsAccuracy => false;
    /// <inheritdoc/>
    protected override string DivergenceHint => Config.Objective switch
    {
        GanObjective.Wasserstein => "with weight clipping, keep the clip value small (0.01); ",
        GanObjective.WassersteinGp => "check that the critic has no batch norm; ",
        _ => "",
    };

    /// <summary>
    /// One training step with host sync: one discriminator (critic) update on this real batch, then, after every
    /// <see cref="TrainerConfig.CriticSteps"/>-th critic update, one generator update. Returns this step's numbers
    /// (also appended to <see cref="GanTrainerBase.History"/>); <see cref="StepResult.LossG"/> is null in a step
    /// that did not update the generator.
    /// </summary>
    /// <remarks>
    /// This is Algorithm 1 of the WGAN papers (Arjovsky et al. 2017; Gulrajani et al. 2017) as written: each of the
    /// n_critic critic iterations samples its own real batch, so the caller's loop, one batch per call, feeds it.
    /// With n_critic = 5 an epoch of B batches is B critic updates and B / 5 generator updates, as in PyTorch-GAN's
    /// wgan.py and labml's WGAN; with n_critic = 1 (every other objective) each call is one D and one G update.
    /// Step reads all pending metrics: after earlier <see cref="StepNoSync"/> calls, it returns their mean with this step.
    /// </remarks>
    /// <param name="xReal">Real images [B, C, H, W] in [-1, 1], on <see cref="GanTrainerBase.Device"/>.</param>
    /// <param name="yReal">Their labels [B] (int64), for conditional networks only.</param>
    /// <exception cref="NonFiniteLossException">A loss became NaN or infinite.</exception>
    public StepResult Step(Tensor xReal, Tensor? yReal = null)
    {
        StepNoSync(xReal, yReal);
        return FlushMetrics()!;
    }

    /// <summary>
    /// The same step as <see cref="Step"/> without reading anything back to the host: the numbers stay summed on
    /// the device until <see cref="GanTrainerBase.FlushMetrics"/> (call it every N steps).
    /// </summary>
    public void StepNoSync(Tensor xReal, Tensor? yReal = null)
    {
        CheckInputs(xReal, yReal);
        using var scope = torch.NewDisposeScope();
        var critic = UpdateDiscriminator(xReal, yReal);
        var lossG = NextStepUpdatesGenerator ? UpdateGenerator(xReal.shape[0], yReal) : null;
        Record(critic.LossD, lossG, critic.DReal, critic.DFake, critic.Penalty, null);
    }

    /// <summary>
    /// Images from the generator (or from its EMA copy) for display: eval mode, no_grad, then back to train mode.
    /// </summary>
    /// <param name="z">Noise [N, LatentDim] on the device, e.g. a fixed batch from <see cref="Models.Latent.FixedNoise"/>.</param>
    /// <param name="labels">Labels [N] for conditional networks.</param>
    /// <param name="useEma">Sample from the moving average of the weights (needs <see cref="TrainerConfig.EmaDecay"/>).</param>
    public Tensor Sample(Tensor z, Tensor? labels = null, bool useEma = false)
    {
        var net = !useEma ? Generator : Ema?.Model ?? throw new InvalidOperationException(
            "This trainer keeps no EMA of the generator: set TrainerConfig.EmaDecay (e.g. 0.999) to sample with useEma.");
        if (IsConditional && labels is null) throw new ArgumentNullException(nameof(labels), "A conditional generator needs labels [N] for its samples.");
        return IsConditional
            ? Sampling.Generate((nn.Module<Tensor, Tensor, Tensor>)net, z, labels!)
            : Sampling.Generate((nn.Module<Tensor, Tensor>)net, z);
    }

    readonly record struct CriticOutcome(Tensor LossD, Tensor DReal, Tensor DFake, Tensor? Penalty);

    CriticOutcome UpdateDiscriminator(Tensor xReal, Tensor? y)
    {
        ClearGradients(Discriminator);
        Tensor xFake;
        using (torch.no_grad()) xFake = generate(Noise(xReal.shape[0]), y);  // fakes are constants for D's update
        var dReal = discriminate(xReal, y);                                 // [B]
        var dFake = discriminate(xFake, y);                                 // [B]
        var lossD = DiscriminatorLoss(dReal, dFake);
        Tensor? penalty = null;
        if (Config.Objective == GanObjective.WassersteinGp)
        {
            penalty = WassersteinLoss.GradientPenalty(x => discriminate(x, y), xReal, xFake, Config.GradientPenaltyWeight,
                EpsilonSource?.Invoke(xReal.shape[0]));
            lossD = lossD + penalty;
        }
        lossD.backward();
        CheckGradientsOnce(generator: false);
        OptimizerD.step();
        if (Config.Objective == GanObjective.Wasserstein) WassersteinLoss.ClipWeights(Discriminator, Config.ClipValue);
        return new CriticOutcome(lossD, MeanOutput(dReal), MeanOutput(dFake), penalty);
    }

    Tensor UpdateGenerator(long batch, Tensor? y)
    {
        ClearGradients(Generator);
        var dFake = discriminate(generate(Noise(batch), y), y);            // [B]; gradients flow back into G
        var lossG = GeneratorLoss(dFake);
        lossG.backward();
        CheckGradientsOnce(generator: true);
        OptimizerG.step();
        AfterGeneratorStep();
        return lossG;
    }

    /// <summary>The discriminator/critic loss of the configured objective, from D's raw outputs.</summary>
    public Tensor DiscriminatorLoss(Tensor dReal, Tensor dFake) => Config.Objective switch
    {
        GanObjective.NonSaturating or GanObjective.Minimax => GanLoss.DiscriminatorBce(dReal, dFake),
        GanObjective.LeastSquares => GanLoss.DiscriminatorLeastSquares(dReal, dFake),
        _ => WassersteinLoss.Critic(dReal, dFake),
    };

    /// <summary>The generator loss of the configured objective, from D's raw outputs on fakes.</summary>
    public Tensor GeneratorLoss(Tensor dFake) => Config.Objective switch
    {
        GanObjective.NonSaturating => GanLoss.GeneratorNonSaturating(dFake),
        GanObjective.Minimax => GanLoss.GeneratorMinimax(dFake),
        GanObjective.LeastSquares => GanLoss.GeneratorLeastSquares(dFake),
        _ => WassersteinLoss.Generator(dFake),
    };

    /// <summary>Mean D output as reported in DReal / DFake: σ(logit) for the BCE objectives, the raw output otherwise.</summary>
    Tensor MeanOutput(Tensor d) => Config.Objective is GanObjective.NonSaturating or GanObjective.Minimax
        ? torch.sigmoid(d).mean()
        : d.mean();

    void CheckInputs(Tensor xReal, Tensor? yReal)
    {
        CheckBatch(xReal, nameof(xReal));
        if (IsConditional && yReal is null)
            throw new ArgumentNullException(nameof(yReal), "These networks are conditional: pass the labels of the real batch, Step(x, y).");
        if (!IsConditional && yReal is not null)
            throw new ArgumentException("These networks are unconditional: call Step(x) without labels.", nameof(yReal));
        if (yReal is not null) CheckLabels(yReal, xReal.shape[0], nameof(yReal));
    }

    void CheckCriticForPenalty()
    {
        if (Config.Objective != GanObjective.WassersteinGp) return;
        if (Discriminator.modules().Any(m => m is BatchNorm1d or BatchNorm2d))
            throw new ArgumentException(
                "WGAN-GP with a batch-norm critic: the gradient penalty constrains each sample's gradient, but batch norm " +
                "makes each score depend on the whole batch (Gulrajani et al. 2017, §4). Build the critic with " +
                "CriticNorm.LayerNorm or CriticNorm.None (new WganCritic(new WganCriticConfig(Norm: CriticNorm.LayerNorm))).");
    }
}
