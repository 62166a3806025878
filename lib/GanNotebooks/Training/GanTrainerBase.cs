using GanNotebooks.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// What every trainer has: the two networks, their optimizers (built here from the <see cref="TrainerConfig"/>),
/// the optional EMA of the generator, the step counter and the <see cref="TrainingHistory"/>, and the metrics
/// bookkeeping shared by <see cref="GanTrainer"/> and <see cref="SganTrainer"/>.
/// Taught in notebook 10 (one loop for every trainer).
/// </summary>
/// <remarks>
/// Metrics: each step stacks its numbers into one small tensor and adds it to a running sum on the device; no
/// value is copied to the host (no GPU sync) until <see cref="FlushMetrics"/>, which reads the sum once (one sync),
/// checks every number is finite, appends the mean to <see cref="History"/> and returns it. <c>Step(...)</c> is
/// <c>StepNoSync(...)</c> followed by <see cref="FlushMetrics"/>: exact per-step numbers for teaching. For speed on
/// a GPU call <c>StepNoSync(...)</c> and <see cref="FlushMetrics"/> every N steps: the numbers are then means over
/// those N steps, and a NaN is caught up to N steps late.
/// <para>Move the networks to their device before creating the trainer (the optimizers keep the parameters they
/// are given, and <c>module.to(device)</c> replaces them).</para>
/// </remarks>
public abstract class GanTrainerBase : IDisposable
{
    /// <summary>The metrics of a step, in the order <see cref="Record"/> stacks them.</summary>
    enum Metric { LossD, LossG, DReal, DFake, GradientPenalty, Accuracy }
    Tensor? sums;        // [6] on the device: metric sums since the last read; owned here, outside every scope
    int pending;
    long firstPending;
    bool checkedGradientsG, checkedGradientsD;

    /// <summary>Validates the config, builds both optimizers and, when <see cref="TrainerConfig.EmaDecay"/> is set, the EMA copy.</summary>
    protected GanTrainerBase(nn.Module generator, nn.Module discriminator, TrainerConfig config, int? latentDim)
    {
        config.Validate();
        Generator = generator;
        Discriminator = discriminator;
        Config = config;
        LatentDim = latentDim ?? (generator as IGenerator)?.LatentDim ?? throw new ArgumentException(
            $"{generator.GetType().Name} does not say how long z is (it is not an IGenerator): pass latentDim.", nameof(latentDim));
        Device = DeviceOf(generator, "generator");
        var dDevice = DeviceOf(discriminator, "discriminator");
        if (!SameDevice(dDevice, Device))
            throw new ArgumentException($"The generator is on {Device} but the discriminator on {dDevice}: move both to the same device before creating the trainer.");
        OptimizerG = CreateOptimizer(generator, config.LearningRateG);
        OptimizerD = CreateOptimizer(discriminator, config.LearningRateD);
        if (config.EmaDecay is double beta) Ema = new EmaModel(generator, beta);
    }

    /// <summary>The generator being trained.</summary>
    public nn.Module Generator { get; }
    /// <summary>The discriminator (critic, classifier) being trained.</summary>
    public nn.Module Discriminator { get; }
    /// <summary>The generator's optimizer (Adam or RMSprop, from the config).</summary>
    public OptimizerHelper OptimizerG { get; }
    /// <summary>The discriminator's optimizer.</summary>
    public OptimizerHelper OptimizerD { get; }
    /// <summary>The hyperparameters of this run.</summary>
    public TrainerConfig Config { get; }
    /// <summary>The moving average of the generator's weights, or null when <see cref="TrainerConfig.EmaDecay"/> is null.</summary>
    public EmaModel? Ema { get; }
    /// <summary>Length of z.</summary>
    public int LatentDim { get; }
    /// <summary>The device of the networks; noise is drawn there and real batches must be there.</summary>
    public Device Device { get; }
    /// <summary>
    /// Number of completed steps, i.e. discriminator (critic) updates (restored by <see cref="Checkpoint.Load"/>).
    /// </summary>
    public long Steps { get; internal set; }
    /// <summary>
    /// Number of generator updates so far: one after every <see cref="TrainerConfig.CriticSteps"/>-th step, so
    /// <c>Steps / CriticSteps</c> (equal to <see cref="Steps"/> when n_critic = 1).
    /// </summary>
    public long GeneratorSteps => Steps / Config.CriticSteps;

    /// <summary>Whether the step about to run updates the generator: the schedule of <see cref="GeneratorSteps"/>.</summary>
    protected bool NextStepUpdatesGenerator => (Steps + 1) % Config.CriticSteps == 0;
    /// <summary>
    /// Where the trainer writes its warnings (parameters that got no gradient, see <see cref="CheckGradientsOnce"/>);
    /// null, the default, is standard error at the time of writing, which a notebook shows under the cell.
    /// <c>TextWriter.Null</c> silences them.
    /// </summary>
    public TextWriter? Warnings { get; set; }

    /// <summary>Every result read so far (restored by <see cref="Checkpoint.Load"/>).</summary>
    public TrainingHistory History { get; } = new();

    /// <summary>True when the step reports a gradient penalty.</summary>
    protected abstract bool ReportsGradientPenalty { get; }
    /// <summary>True when the step reports a classifier accuracy.</summary>
    protected abstract bool ReportsAccuracy { get; }
    /// <summary>Advice specific to the variant, appended to the message of a <see cref="NonFiniteLossException"/>.</summary>
    protected virtual string DivergenceHint => "";

    /// <summary>
    /// Reads the metrics summed since the last read (one host sync), checks they are finite, appends their mean
    /// to <see cref="History"/> and returns it; null when no step ran since the last read.
    /// </summary>
    /// <exception cref="NonFiniteLossException">A loss or output is NaN or infinite.</exception>
    public StepResult? FlushMetrics()
    {
        if (sums is null) return null;
        float[] total;
        using (var scope = torch.NewDisposeScope())
            total = sums.to(ScalarType.Float32).cpu().data<float>().ToArray(); // float64 nets too
        float n = pending;
        long first = firstPending, generatorUpdates = GeneratorSteps - (first - 1) / Config.CriticSteps;  // among steps first..Steps
        ResetMetrics();
        float[] means = total.Select(v => v / n).ToArray();
        for (int i = 0; i < means.Length; i++)
            if (!float.IsFinite(means[i]))
                throw new NonFiniteLossException(((Metric)i).ToString(), means[i], first, Steps, DivergenceHint);
        float Mean(Metric m) => means[(int)m];
        float? lossG = generatorUpdates > 0 ? total[(int)Metric.LossG] / generatorUpdates : null;  // mean over the G updates only
        var result = new StepResult(Steps, Mean(Metric.LossD), lossG, Mean(Metric.DReal), Mean(Metric.DFake),
            ReportsGradientPenalty ? Mean(Metric.GradientPenalty) : null, ReportsAccuracy ? Mean(Metric.Accuracy) : null);
        History.Add(result);
        return result;
    }

    /// <summary>z ~ N(0, I), [n, LatentDim], on <see cref="Device"/> (from the global generator: <c>Setup.Seed</c> covers it).</summary>
    protected Tensor Noise(long n) => NoiseSource?.Invoke(n) ?? torch.randn([n, LatentDim], device: Device);

    /// <summary>
    /// Test seam: when set, every z of a step comes from it (n -> [n, LatentDim]) instead of the global generator.
    /// The PyTorch oracle tests (tests/GanNotebooks.Oracle.Tests) use it to feed both sides the same noise.
    /// </summary>
    internal Func<long, Tensor>? NoiseSource { get; set; }

    /// <summary>Test seam: when set, the gradient penalty's ε [B] comes from it instead of U[0, 1] draws (WGAN-GP).</summary>
    internal Func<long, Tensor>? EpsilonSource { get; set; }

    /// <summary>
    /// Counts one step and adds its (scalar) metrics to the running sums on the device, without a sync;
    /// <paramref name="lossG"/> is null for a step without a generator update.
    /// </summary>
    protected void Record(Tensor lossD, Tensor? lossG, Tensor dReal, Tensor dFake, Tensor? penalty, Tensor? accuracy)
    {
        var zero = torch.zeros_like(lossD);
        var m = torch.stack([lossD, lossG ?? zero, dReal, dFake, penalty ?? zero, accuracy ?? zero]).detach(); // [6], Metric order
        Steps++;
        if (sums is null)
        {
            sums = m.clone().DetachFromDisposeScope();
            firstPending = Steps;
        }
        else
        {
            sums.add_(m);
        }
        pending++;
    }

    /// <summary>
    /// Drops the gradients of <paramref name="net"/> before its update, as PyTorch's default
    /// <c>zero_grad(set_to_none=True)</c> does: the next backward writes fresh gradients instead of adding into
    /// zero-filled ones. The same numbers as zero-filling whenever every parameter gets a gradient (true for all the
    /// networks here), and one op fewer per parameter tensor (18 per DCGAN step). A parameter that gets no gradient
    /// is skipped by the optimizer, as in PyTorch. TorchSharp 0.107's optimizers only zero-fill
    /// (<c>OptimizerHelper.zero_grad()</c>); <c>Module.zero_grad(set_to_none: true)</c> drops them.
    /// </summary>
    protected static void ClearGradients(nn.Module net) => net.zero_grad(set_to_none: true);

    /// <summary>
    /// Call right after the backward pass of a network's update: the first time for each network, warns when some
    /// of its trainable parameters got no gradient (<see cref="Gradients.Missing"/>): the loss never reaches them,
    /// so their optimizer skips them. Once per network and trainer, so the check costs nothing afterwards.
    /// </summary>
    protected void CheckGradientsOnce(bool generator)
    {
        ref bool done = ref generator ? ref checkedGradientsG : ref checkedGradientsD;
        if (done) return;
        done = true;
        var missing = Gradients.Missing(generator ? Generator : Discriminator);
        if (missing.Count == 0) return;
        string network = generator ? "generator" : "discriminator";
        (Warnings ?? Console.Error).WriteLine(
            $"warning: {GetType().Name}: the {network}'s loss does not reach {string.Join(", ", missing)}: no gradient, so " +
            $"the optimizer skips {(missing.Count == 1 ? "it" : "them")} and {(missing.Count == 1 ? "it does" : "they do")} not learn. " +
            $"Is a layer built in the constructor but not used in forward()? (TensorFlow says \"Gradients do not exist for " +
            $"variables\"; notebook 01, bug clinic 2.) Said once for the {network}; freeze on purpose with requires_grad_(false).");
    }

    /// <summary>Called after each generator optimizer step: updates the EMA copy, if any.</summary>
    protected void AfterGeneratorStep() => Ema?.Update();

    /// <summary>Throws when <paramref name="x"/> is not on <see cref="Device"/> or has no batch dimension.</summary>
    protected void CheckBatch(Tensor x, string name)
    {
        if (!SameDevice(x.device, Device))
            throw new ArgumentException($"{name} is on {x.device} but the networks are on {Device}: move the batch with .to(trainer.Device).", name);
        if (x.dim() < 2 || x.shape[0] == 0)
            throw new ArgumentException($"{name} has shape [{string.Join(", ", x.shape)}]: expected a non-empty batch [B, C, H, W].", name);
    }

    /// <summary>Throws unless <paramref name="labels"/> are int64 [B] on <see cref="Device"/>.</summary>
    protected void CheckLabels(Tensor labels, long batch, string name)
    {
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != batch)
            throw new ArgumentException($"{name} must be int64 class indices of shape [{batch}], got {labels.dtype} [{string.Join(", ", labels.shape)}].", name);
        if (!SameDevice(labels.device, Device))
            throw new ArgumentException($"{name} is on {labels.device} but the networks are on {Device}: move the labels with .to(trainer.Device).", name);
    }

    /// <summary>Forgets metrics not read yet (after loading a checkpoint).</summary>
    internal void ResetMetrics()
    {
        sums?.Dispose();
        sums = null;
        pending = 0;
    }

    /// <summary>Disposes the optimizers, the EMA copy and pending metrics; the networks belong to the caller.</summary>
    public void Dispose()
    {
        ResetMetrics();
        OptimizerG.Dispose();
        OptimizerD.Dispose();
        Ema?.Dispose();
        GC.SuppressFinalize(this);
    }

    OptimizerHelper CreateOptimizer(nn.Module module, double lr) => Config.Optimizer switch
    {
        OptimizerKind.RMSprop => torch.optim.RMSProp(module.parameters(), lr),
        _ => torch.optim.Adam(module.parameters(), lr, Config.Beta1, Config.Beta2),
    };

    /// <summary>
    /// The one device-equality rule of the trainers: same type and, for accelerators, the same index, where an
    /// unspecified index (-1, "cuda") means device 0. cuda:0 and cuda:1 differ; every CPU is the same CPU.
    /// </summary>
    internal static bool SameDevice(Device a, Device b) =>
        a.type == b.type && (a.type == DeviceType.CPU || Math.Max(a.index, 0) == Math.Max(b.index, 0));

    static Device DeviceOf(nn.Module module, string name) =>
        module.parameters().FirstOrDefault()?.device
        ?? throw new ArgumentException($"The {name} has no parameters: nothing to train.", name);
}
