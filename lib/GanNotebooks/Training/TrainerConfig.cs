namespace GanNotebooks.Training;

/// <summary>The adversarial objective a <see cref="GanTrainer"/> optimizes. Taught in notebook 01; the other objectives in notebooks 03 and 04.</summary>
public enum GanObjective
{
    /// <summary>BCE discriminator, non-saturating generator (−log D(G(z))): the standard choice.</summary>
    NonSaturating,
    /// <summary>BCE discriminator, original minimax generator (log(1 − D(G(z)))): for showing why it stalls.</summary>
    Minimax,
    /// <summary>Least squares GAN (a = 0, b = 1, c = 1) on the raw discriminator output.</summary>
    LeastSquares,
    /// <summary>WGAN with weight clipping of the critic after every critic step.</summary>
    Wasserstein,
    /// <summary>WGAN-GP: Wasserstein losses plus the per-sample gradient penalty.</summary>
    WassersteinGp,
}

/// <summary>The optimizer used for both networks. Taught in notebook 04 (RMSprop for weight clipping).</summary>
public enum OptimizerKind
{
    /// <summary>Adam with <see cref="TrainerConfig.Beta1"/>, <see cref="TrainerConfig.Beta2"/>.</summary>
    Adam,
    /// <summary>RMSprop (PyTorch defaults: alpha 0.99, eps 1e-8), as in the WGAN paper.</summary>
    RMSprop,
}

/// <summary>
/// Hyperparameters of a training run. The defaults are the DCGAN recipe (Adam, lr 2e-4, betas (0.5, 0.999));
/// the presets <see cref="Wgan"/> and <see cref="WganGp"/> are the settings of those papers. Change one knob
/// with <c>with</c>: <c>TrainerConfig.WganGp with { EmaDecay = 0.999 }</c>.
/// Taught in notebook 01.
/// </summary>
/// <param name="Objective">Which losses to use.</param>
/// <param name="Optimizer">Adam or RMSprop, for both networks.</param>
/// <param name="LearningRateG">Generator learning rate.</param>
/// <param name="LearningRateD">Discriminator / critic learning rate.</param>
/// <param name="Beta1">Adam β1 (ignored by RMSprop).</param>
/// <param name="Beta2">Adam β2 (ignored by RMSprop).</param>
/// <param name="CriticSteps">n_critic: discriminator updates per generator update. Each <see cref="GanTrainer.Step"/>
/// is one critic update on its own real batch; the generator is updated after every n_critic-th.</param>
/// <param name="ClipValue">c of the weight clipping (<see cref="GanObjective.Wasserstein"/> only).</param>
/// <param name="GradientPenaltyWeight">λ of the gradient penalty (<see cref="GanObjective.WassersteinGp"/> only).</param>
/// <param name="EmaDecay">β of an exponential moving average of the generator weights (e.g. 0.999), or null for none.</param>
public sealed record TrainerConfig(
    GanObjective Objective = GanObjective.NonSaturating,
    OptimizerKind Optimizer = OptimizerKind.Adam,
    double LearningRateG = 2e-4,
    double LearningRateD = 2e-4,
    double Beta1 = 0.5,
    double Beta2 = 0.999,
    int CriticSteps = 1,
    double ClipValue = 0.01,
    double GradientPenaltyWeight = 10.0,
    double? EmaDecay = null)
{
    /// <summary>DCGAN (Radford et al. 2016): non-saturating BCE, Adam lr 2e-4, betas (0.5, 0.999). Same as <c>new()</c>.</summary>
    public static TrainerConfig Dcgan => new();

    /// <summary>The original minimax objective, with the DCGAN optimizer settings.</summary>
    public static TrainerConfig Minimax => new(Objective: GanObjective.Minimax);

    /// <summary>LSGAN (Mao et al. 2017) with the DCGAN optimizer settings.</summary>
    public static TrainerConfig Lsgan => new(Objective: GanObjective.LeastSquares);

    /// <summary>WGAN (Arjovsky et al. 2017, Algorithm 1): RMSprop lr 5e-5, n_critic 5, clip 0.01.</summary>
    public static TrainerConfig Wgan => new(Objective: GanObjective.Wasserstein, Optimizer: OptimizerKind.RMSprop,
        LearningRateG: 5e-5, LearningRateD: 5e-5, CriticSteps: 5, ClipValue: 0.01);

    /// <summary>WGAN-GP (Gulrajani et al. 2017, Algorithm 1): Adam lr 1e-4, betas (0, 0.9), n_critic 5, λ 10.</summary>
    public static TrainerConfig WganGp => new(Objective: GanObjective.WassersteinGp, LearningRateG: 1e-4,
        LearningRateD: 1e-4, Beta1: 0.0, Beta2: 0.9, CriticSteps: 5, GradientPenaltyWeight: 10.0);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        Require(LearningRateG > 0, nameof(LearningRateG), LearningRateG, "must be positive");
        Require(LearningRateD > 0, nameof(LearningRateD), LearningRateD, "must be positive");
        Require(Beta1 >= 0 && Beta1 < 1, nameof(Beta1), Beta1, "must be in [0, 1)");
        Require(Beta2 >= 0 && Beta2 < 1, nameof(Beta2), Beta2, "must be in [0, 1)");
        Require(CriticSteps >= 1, nameof(CriticSteps), CriticSteps, "must be at least 1");
        Require(ClipValue > 0, nameof(ClipValue), ClipValue, "must be positive");
        Require(GradientPenaltyWeight >= 0, nameof(GradientPenaltyWeight), GradientPenaltyWeight, "must be >= 0");
        Require(EmaDecay is null || (EmaDecay >= 0 && EmaDecay <= 1), nameof(EmaDecay), EmaDecay, "must be in [0, 1] or null");
    }

    static void Require(bool ok, string name, object? value, string rule)
    {
        if (!ok) throw new ArgumentException($"TrainerConfig.{name} = {value} {rule}.", name);
    }
}
