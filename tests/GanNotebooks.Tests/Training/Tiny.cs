using GanNotebooks.Models;
using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

/// <summary>Tiny networks and batches so that training tests run in milliseconds on a CPU.</summary>
internal static class Tiny
{
    internal static readonly MlpConfig Mlp = new(LatentDim: 8, Hidden: 16);
    internal static readonly DcganConfig Dcgan = new(LatentDim: 8, Features: 4);
    internal static readonly ConditionalMlpConfig ConditionalMlp = new(NumClasses: 3, LatentDim: 8, Hidden: 16, EmbeddingDim: 4);

    /// <summary>Random "images" in [-1, 1], [n, 1, 28, 28].</summary>
    internal static Tensor Images(int n) => torch.rand(n, 1, 28, 28) * 2 - 1;

    internal static GanTrainer MlpTrainer(TrainerConfig? config = null) =>
        new(new MlpGenerator(Mlp), new MlpDiscriminator(Mlp), config);

    internal static GanTrainer DcganTrainer(TrainerConfig? config = null) =>
        new(new DcganGenerator(Dcgan), new DcganDiscriminator(Dcgan), config);

    internal static GanTrainer WganGpTrainer() =>
        new(new DcganGenerator(Dcgan), new WganCritic(new WganCriticConfig(Features: 4, Norm: CriticNorm.LayerNorm)),
            TrainerConfig.WganGp with { CriticSteps = 2 });

    internal static GanTrainer ConditionalTrainer(TrainerConfig? config = null) =>
        new(new ConditionalMlpGenerator(ConditionalMlp), new ConditionalMlpDiscriminator(ConditionalMlp), config);

    internal static SganTrainer SganTrainer(TrainerConfig? config = null) =>
        new(new DcganGenerator(Dcgan), new SganDiscriminator(new SganConfig(NumClasses: 3, Features: 4)), config);

    /// <summary>Disposes the trainer and its two networks.</summary>
    internal static void DisposeAll(GanTrainerBase trainer)
    {
        trainer.Dispose();
        trainer.Generator.Dispose();
        trainer.Discriminator.Dispose();
    }
}
