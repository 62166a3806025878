using GanNotebooks.Models;
using GanNotebooks.Training;

namespace GanNotebooks.Oracle.Tests;

/// <summary>
/// Each trainer variant run for a few steps on small float64 networks: the same initial weights, real batches and
/// noise on both sides (the C# trainer's draws are recorded through its internal seams and replayed in PyTorch).
/// The C# side uses the library's config presets; oracle.py uses the papers' settings, so a wrong preset shows.
/// </summary>
static class TrainingCases
{
    /// <summary>Generator updates per case.</summary>
    const int GeneratorUpdates = 3;
    const int B = 4, Z = 8, F = 4, K = 3;

    public static readonly string[] Names = ["gan", "dcgan", "lsgan", "wgan", "wgan-gp", "cgan-mlp", "cgan-dcgan", "sgan"];

    public static IEnumerable<OracleCase> All() => Names.Select(n => OracleCase.Build($"train/{n}", () => Build(n)));

    static OracleCase Build(string variant)
    {
        torch.manual_seed(21);
        var dcgan = new DcganConfig(LatentDim: Z, Features: F, Channels: 1, ImageSize: 28);
        return variant switch
        {
            "gan" => Unconditional(variant, new MlpGenerator(new MlpConfig(Z, Hidden: 16, ImageSize: 12)),
                new MlpDiscriminator(new MlpConfig(Z, Hidden: 16, ImageSize: 12)), TrainerConfig.Dcgan),
            "dcgan" => Unconditional(variant, new DcganGenerator(dcgan), new DcganDiscriminator(dcgan), TrainerConfig.Dcgan),
            "lsgan" => Unconditional(variant, new DcganGenerator(dcgan with { ImageSize = 32, Channels = 3 }),
                new DcganDiscriminator(dcgan with { ImageSize = 32, Channels = 3 }), TrainerConfig.Lsgan),
            "wgan" => Unconditional(variant, new DcganGenerator(dcgan),
                new WganCritic(new WganCriticConfig(F, Norm: CriticNorm.BatchNorm)), TrainerConfig.Wgan),
            "wgan-gp" => Unconditional(variant, new DcganGenerator(dcgan with { ImageSize = 32 }),
                new WganCritic(new WganCriticConfig(F, ImageSize: 32, Norm: CriticNorm.LayerNorm)), TrainerConfig.WganGp),
            "cgan-mlp" => Conditional(variant, new ConditionalMlpGenerator(new(K, Z, Hidden: 16, EmbeddingDim: 3, ImageSize: 12)),
                new ConditionalMlpDiscriminator(new(K, Z, Hidden: 16, EmbeddingDim: 3, ImageSize: 12))),
            "cgan-dcgan" => Conditional(variant, new ConditionalDcganGenerator(new(K, Z, F, EmbeddingDim: 3)),
                new ConditionalDcganDiscriminator(new(K, Z, F, EmbeddingDim: 3))),
            "sgan" => Sgan(new DcganGenerator(dcgan), new SganDiscriminator(new SganConfig(K, F))),
            _ => throw new ArgumentException(variant),
        };
    }

    static OracleCase Unconditional(string variant, nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d, TrainerConfig config)
    {
        var (c, draws) = Start(variant, g, d, config);
        using var trainer = new GanTrainer(g, d, config);
        draws.Attach(trainer);
        for (int i = 0; i < Run.StepsFor(config); i++) trainer.Step(c.Real(i, g));
        return c.Finish(g, d, draws);
    }

    static OracleCase Conditional(string variant, nn.Module<Tensor, Tensor, Tensor> g, nn.Module<Tensor, Tensor, Tensor> d)
    {
        var (c, draws) = Start(variant, g, d, TrainerConfig.Dcgan);
        using var trainer = new GanTrainer(g, d, TrainerConfig.Dcgan);
        draws.Attach(trainer);
        for (int i = 0; i < Run.StepsFor(TrainerConfig.Dcgan); i++) trainer.Step(c.Real(i, g), c.Labels($"y.{i}", B));
        return c.Finish(g, d, draws);
    }

    static OracleCase Sgan(DcganGenerator g, SganDiscriminator d)
    {
        var (c, draws) = Start("sgan", g, d, TrainerConfig.Dcgan);
        using var trainer = new SganTrainer(g, d, TrainerConfig.Dcgan);
        draws.Attach(trainer);
        for (int i = 0; i < GeneratorUpdates; i++)
            trainer.Step(c.Image($"xl.{i}", g, 28), c.Labels($"yl.{i}", B), c.Image($"xu.{i}", g, 28));
        return c.Finish(g, d, draws);
    }

    static (Run, Draws) Start(string variant, nn.Module g, nn.Module d, TrainerConfig config)
    {
        g.to(ScalarType.Float64);
        d.to(ScalarType.Float64);
        var run = new Run(variant, g, d, config);
        return (run, new Draws(run.Case, run.Gen));
    }

    /// <summary>One training case being built: its inputs are drawn from one seeded generator.</summary>
#pragma warning disable CA1001 // Gen lives as long as the case's draws, for one test, as the other test tensors do
    sealed class Run
#pragma warning restore CA1001
    {
        public readonly OracleCase Case;
        public readonly torch.Generator Gen = new(34, torch.CPU);

        public Run(string variant, nn.Module g, nn.Module d, TrainerConfig config)
        {
            var steps = StepsFor(config);
            Case = new OracleCase($"train/{variant}", "train", new Dictionary<string, object>
            {
                ["variant"] = variant.StartsWith("cgan", StringComparison.Ordinal) ? "cgan" : variant,
                ["dtype"] = "float64",
                ["steps"] = variant == "sgan" ? GeneratorUpdates : steps,
                ["g"] = NetworkSpec.Of(g),
                ["d"] = NetworkSpec.Of(d),
            });
            foreach (var (k, v) in NetworkSpec.State(g, "g.").Concat(NetworkSpec.State(d, "d.")))
            {
                Case.Inputs[k] = v;
                Case.Before[k] = v;
            }
        }

        /// <summary>
        /// Step calls for <see cref="GeneratorUpdates"/> generator updates: WGAN Algorithm 1, one critic update per
        /// Step (per real batch) and a generator update after every n_critic-th.
        /// </summary>
        public static int StepsFor(TrainerConfig config) => GeneratorUpdates * config.CriticSteps;

        public Tensor Real(int i, nn.Module g) => Image($"x.{i}", g, ImageSize(g));

        /// <summary>A real batch in [-1, 1], [B, C, S, S], recorded as input <paramref name="name"/>.</summary>
        public Tensor Image(string name, nn.Module g, int size)
        {
            int channels = ((INetwork)g).Config switch
            {
                DcganConfig m => m.Channels,
                ConditionalDcganConfig m => m.Channels,
                MlpConfig m => m.Channels,
                ConditionalMlpConfig m => m.Channels,
                var other => throw new ArgumentException($"no channel count in {other}"),
            };
            var x = torch.rand([B, channels, size, size], dtype: ScalarType.Float64, generator: Gen) * 2 - 1;
            Case.Inputs[name] = x;
            return x;
        }

        public Tensor Labels(string name, int n)
        {
            var y = torch.randint(0, K, [n], dtype: ScalarType.Int64, generator: Gen);
            Case.Inputs[name] = y;
            return y;
        }

        static int ImageSize(nn.Module g) => ((INetwork)g).Config switch
        {
            MlpConfig m => m.ImageSize,
            ConditionalMlpConfig m => m.ImageSize,
            DcganConfig m => m.ImageSize,
            ConditionalDcganConfig m => m.ImageSize,
            var other => throw new ArgumentException($"no image size in {other}"),
        };

        public OracleCase Finish(nn.Module g, nn.Module d, Draws draws)
        {
            draws.Save();
            foreach (var (k, v) in NetworkSpec.State(g, "g.").Concat(NetworkSpec.State(d, "d."))) Case.Actual[k] = v;
            return Case;
        }
    }

    /// <summary>The trainer's random numbers (z and the penalty's ε), drawn from the case's generator and recorded.</summary>
    sealed class Draws(OracleCase c, torch.Generator gen)
    {
        readonly List<Tensor> z = [], eps = [];

        public void Attach(GanTrainerBase trainer)
        {
            int latent = trainer.LatentDim;
            trainer.NoiseSource = n => Record(z, torch.randn([n, latent], dtype: ScalarType.Float64, generator: gen));
            trainer.EpsilonSource = n => Record(eps, torch.rand([n], dtype: ScalarType.Float64, generator: gen));
        }

        static Tensor Record(List<Tensor> list, Tensor t)
        {
            list.Add(t.clone().DetachFromDisposeScope());
            return t;
        }

        public void Save()
        {
            for (int i = 0; i < z.Count; i++) c.Inputs[$"z.{i}"] = z[i];
            for (int i = 0; i < eps.Count; i++) c.Inputs[$"eps.{i}"] = eps[i];
        }
    }
}
