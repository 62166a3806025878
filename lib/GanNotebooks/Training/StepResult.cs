namespace GanNotebooks.Training;

/// <summary>
/// The numbers of one training step (or the mean over the steps since the last read, with
/// <see cref="GanTrainer.StepNoSync"/> and <see cref="GanTrainerBase.FlushMetrics"/>). Plain floats: no tensor is held.
/// Taught in notebook 01.
/// </summary>
/// <param name="Step">1-based index of the (last) step these numbers belong to.</param>
/// <param name="LossD">The loss the discriminator/critic minimized in its last update of the step (for WGAN-GP
/// this includes the gradient penalty; LossD − GradientPenalty is the critic loss E[D(fake)] − E[D(real)]).</param>
/// <param name="LossG">The generator loss of the step, or null when the step did not update the generator (with
/// n_critic &gt; 1, <see cref="TrainerConfig.CriticSteps"/>, only every n_critic-th step does). For a mean over
/// several steps (<see cref="GanTrainerBase.FlushMetrics"/>): the mean over the generator updates among them.
/// Charts drawn from <see cref="TrainingHistory.Series"/> leave the nulls out, so the G curve has a point per
/// generator update.</param>
/// <param name="DReal">Mean D(x) on the real batch: a probability for the BCE objectives and SGAN, the raw
/// output for LSGAN (target 1) and the raw critic score for WGAN.</param>
/// <param name="DFake">Mean D(G(z)) on the fakes of the last discriminator update, same scale as DReal.</param>
/// <param name="GradientPenalty">The gradient penalty term (λ included), WGAN-GP only.</param>
/// <param name="Accuracy">Classifier accuracy on the labelled batch, SGAN only.</param>
public sealed record StepResult(long Step, float LossD, float? LossG, float DReal, float DFake,
    float? GradientPenalty = null, float? Accuracy = null)
{
    /// <summary>
    /// The numbers for a progress line (<c>Display.TrainingProgress</c>): lossD, lossG (when the step updated G),
    /// D(x), D(G(z)), then GP and accuracy when the trainer reports them.
    /// </summary>
    public Dictionary<string, float> Numbers()
    {
        var numbers = new Dictionary<string, float> { ["lossD"] = LossD };
        if (LossG is float g) numbers["lossG"] = g;
        numbers["D(x)"] = DReal;
        numbers["D(G(z))"] = DFake;
        if (GradientPenalty is float gp) numbers["GP"] = gp;
        if (Accuracy is float a) numbers["accuracy"] = a;
        return numbers;
    }

    /// <summary>
    /// One line for printing, e.g. "step 100: loss D 1.2031, loss G 0.8710, D(x) 0.5512, D(G(z)) 0.4120";
    /// "no G update" in place of the generator loss in a critic-only step.
    /// </summary>
    public override string ToString() =>
        $"step {Step}: loss D {LossD:F4}, {(LossG is float g ? $"loss G {g:F4}" : "no G update")}, D(x) {DReal:F4}, D(G(z)) {DFake:F4}" +
        (GradientPenalty is float gp ? $", GP {gp:F4}" : "") + (Accuracy is float a ? $", accuracy {a:P1}" : "");
}
