using GanNotebooks.Models;
using GanNotebooks.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>One real batch: images [B, 1, 28, 28] and labels [B]; SGAN also gets a labelled batch.</summary>
public readonly record struct RealBatch(Tensor X, Tensor Y, Tensor? XLabelled = null, Tensor? YLabelled = null)
{
    /// <summary>Disposes the four tensors (views made for this batch; the storage stays with the dataset).</summary>
    public void Free()
    {
        X.Dispose();
        Y.Dispose();
        XLabelled?.Dispose();
        YLabelled?.Dispose();
    }
}

/// <summary>
/// A GAN variant of notebooks 01-06, built with the library's networks and trainers. The PyTorch reference
/// (bench/pytorch_reference.py) builds the same layers with the same initialization, losses and optimizer settings.
/// </summary>
public sealed class Variant : IDisposable
{
    /// <summary>Every variant, in notebook order.</summary>
    public static readonly string[] Names = ["gan", "dcgan", "lsgan", "wgan", "wgan-gp", "cgan", "cdcgan", "sgan"];

    readonly nn.Module generator;
    readonly nn.Module discriminator;

    Variant(string name, string notebook, nn.Module g, nn.Module d, GanTrainerBase trainer)
    {
        Name = name;
        Notebook = notebook;
        generator = g;
        discriminator = d;
        Trainer = trainer;
        InitAbsSumG = AbsSum(g);
        InitAbsSumD = AbsSum(d);
    }

    public string Name { get; }
    /// <summary>Which notebook teaches it (for the table).</summary>
    public string Notebook { get; }
    public GanTrainerBase Trainer { get; }
    public bool IsSgan => Trainer is SganTrainer;
    public long ParamsG => generator.parameters().Sum(p => p.numel());
    public long ParamsD => discriminator.parameters().Sum(p => p.numel());
    public int CriticSteps => Trainer.Config.CriticSteps;
    /// <summary>Σ|w| over G's parameters right after construction: equal to PyTorch's when both build the same
    /// layers in the same order from the same seed (both draw from libtorch's CPU generator).</summary>
    public double InitAbsSumG { get; }
    public double InitAbsSumD { get; }

    static double AbsSum(nn.Module m)
    {
        using var scope = torch.NewDisposeScope();
        return m.parameters().Select(p => p.detach().to_type(ScalarType.Float64).abs().sum().item<double>()).Sum();
    }

    /// <summary>Builds variant <paramref name="name"/> on <paramref name="device"/> (call Setup.Seed first).</summary>
    public static Variant Create(string name, Device device) => name switch
    {
        "gan" => Uncond(name, "01", new MlpGenerator(new MlpConfig()), new MlpDiscriminator(new MlpConfig()), TrainerConfig.Dcgan, device),
        "dcgan" => Uncond(name, "02", new DcganGenerator(new DcganConfig()), new DcganDiscriminator(new DcganConfig()), TrainerConfig.Dcgan, device),
        "lsgan" => Uncond(name, "03", new DcganGenerator(new DcganConfig()), new DcganDiscriminator(new DcganConfig()), TrainerConfig.Lsgan, device),
        "wgan" => Uncond(name, "04", new DcganGenerator(new DcganConfig()),
            new WganCritic(new WganCriticConfig(Norm: CriticNorm.BatchNorm)), TrainerConfig.Wgan, device),
        "wgan-gp" => Uncond(name, "04", new DcganGenerator(new DcganConfig()),
            new WganCritic(new WganCriticConfig(Norm: CriticNorm.LayerNorm)), TrainerConfig.WganGp, device),
        "cgan" => Cond(name, "05", new ConditionalMlpGenerator(new ConditionalMlpConfig()),
            new ConditionalMlpDiscriminator(new ConditionalMlpConfig()), device),
        "cdcgan" => Cond(name, "05", new ConditionalDcganGenerator(new ConditionalDcganConfig()),
            new ConditionalDcganDiscriminator(new ConditionalDcganConfig()), device),
        "sgan" => Sgan(device),
        _ => throw new ArgumentException($"Unknown variant '{name}'."),
    };

    static Variant Uncond(string name, string nb, nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d,
        TrainerConfig config, Device device)
    {
        g.to(device);
        d.to(device);
        return new Variant(name, nb, g, d, new GanTrainer(g, d, config));
    }

    static Variant Cond(string name, string nb, nn.Module<Tensor, Tensor, Tensor> g, nn.Module<Tensor, Tensor, Tensor> d, Device device)
    {
        g.to(device);
        d.to(device);
        return new Variant(name, nb, g, d, new GanTrainer(g, d, TrainerConfig.Dcgan));
    }

    static Variant Sgan(Device device)
    {
        var g = new DcganGenerator(new DcganConfig());
        var d = new SganDiscriminator(new SganConfig());
        g.to(device);
        d.to(device);
        return new Variant("sgan", "06", g, d, new SganTrainer(g, d, TrainerConfig.Dcgan));
    }

    /// <summary>One training step without a host sync (metrics stay on the device).</summary>
    public void StepNoSync(RealBatch b)
    {
        switch (Trainer)
        {
            case SganTrainer s: s.StepNoSync(b.XLabelled!, b.YLabelled!, b.X); break;
            case GanTrainer g when g.IsConditional: g.StepNoSync(b.X, b.Y); break;
            case GanTrainer g: g.StepNoSync(b.X); break;
        }
    }

    /// <summary>One training step that reads its numbers back to the host (what a notebook printing every step does).</summary>
    public StepResult Step(RealBatch b) => Trainer switch
    {
        SganTrainer s => s.Step(b.XLabelled!, b.YLabelled!, b.X),
        GanTrainer g when g.IsConditional => g.Step(b.X, b.Y),
        GanTrainer g => g.Step(b.X),
        _ => throw new InvalidOperationException(),
    };

    public void Dispose()
    {
        Trainer.Dispose();
        generator.Dispose();
        discriminator.Dispose();
    }
}
