using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GanNotebooks.Data;
using GanNotebooks.Metrics;
using GanNotebooks.Models;
using GanNotebooks.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>One epoch's point on a recipe's curve: where training stood and how good the samples were.</summary>
public sealed record CurvePoint(int Epoch, long Steps, long GeneratorSteps, double TrainSeconds, double Fid, double Score,
    double? EmaFid, double? EmaScore, string Checkpoint);

/// <summary>
/// <c>bench curve</c>: trains one chapter's networks on Fashion-MNIST with one recipe and, after every epoch, scores
/// the generator (and its EMA copy) the way the notebooks do (<see cref="QualityCheck"/>: FID on the shipped
/// classifier's features against the test split, Classifier Score, 10,000 samples) and keeps a generator-only fp16
/// checkpoint of that epoch. One long run gives the whole curve of FID against training minutes, which is how the
/// course's full recipes were chosen (bench/README.md, "Recipes"). Training time excludes the scoring.
/// </summary>
public static class Curve
{
    public static Command Command()
    {
        var model = new Option<string>("--model") { Description = "mlp (01), dcgan (02, 03, 09), wgan-clip, wgan-gp (04), cmlp, cdcgan (05).", Required = true };
        var objective = new Option<string>("--objective") { Description = "ns (non-saturating BCE, default), lsgan.", DefaultValueFactory = _ => "ns" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train, scoring after each.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 128, Description = "Images per step." };
        var features = new Option<int>("--features") { DefaultValueFactory = _ => 32, Description = "Base width F of convolutional networks." };
        var hidden = new Option<int>("--hidden") { DefaultValueFactory = _ => 256, Description = "Hidden width of MLP networks." };
        var lrG = new Option<double?>("--lr-g") { Description = "Generator learning rate (default: the trainer config's)." };
        var lrD = new Option<double?>("--lr-d") { Description = "Discriminator learning rate (default: the trainer config's)." };
        var ema = new Option<double?>("--ema") { Description = "EMA decay β of a copy of G (09)." };
        var criticSteps = new Option<int?>("--n-critic") { Description = "Critic updates per generator update (WGANs; default 5)." };
        var clip = new Option<double?>("--clip") { Description = "c of the weight clipping (wgan-clip; default 0.01)." };
        var samples = new Option<int>("--samples") { DefaultValueFactory = _ => QualityBar.Samples, Description = "Images scored per epoch." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42, Description = "Seeds weights, noise and shuffling, as the notebooks' seed." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1, Description = "libtorch CPU threads (the CPU course build uses 1)." };
        var limit = new Option<int?>("--limit") { Description = "Train on the first N training images only (a smoke test; not a recipe)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last epoch (last.zip holds the whole trainer) up to --epochs." };
        var outDir = new Option<string>("--out") { Description = "Folder for curve.jsonl and epoch-NN.zip.", Required = true };
        var command = new Command("curve", "Trains one recipe and scores the generator after every epoch (FID, Classifier Score at 10,000 samples).")
        {
            model, objective, epochs, batch, features, hidden, lrG, lrD, ema, criticSteps, clip, samples, seed, threads, limit, resume, outDir,
        };
        command.SetAction(p => Run(new CurveOptions(p.GetValue(model)!, p.GetValue(objective)!, p.GetValue(epochs),
            p.GetValue(batch), p.GetValue(features), p.GetValue(hidden), p.GetValue(lrG), p.GetValue(lrD), p.GetValue(ema),
            p.GetValue(criticSteps), p.GetValue(clip), p.GetValue(samples), p.GetValue(seed), p.GetValue(threads), p.GetValue(limit), p.GetValue(resume), p.GetValue(outDir)!)));
        return command;
    }

    sealed record CurveOptions(string Model, string Objective, int Epochs, int Batch, int Features, int Hidden,
        double? LrG, double? LrD, double? Ema, int? CriticSteps, double? Clip, int Samples, int Seed, int Threads, int? Limit, bool Resume, string Out);

    static int Run(CurveOptions o)
    {
        torch.set_num_threads(o.Threads);
        var device = Setup.ChooseDevice("cpu").Device;
        Setup.Seed(o.Seed);
        Directory.CreateDirectory(o.Out);
        using var quality = CourseQuality.Open(device, o.Samples);
        var check = quality.Check;
        using var trainSet = o.Limit is int n ? Datasets.Load("fashion-mnist", new DatasetOptions(Limit: n, Device: device)) : null;
        Console.WriteLine($"{check.Real}\n{check.Noise}");

        using var trainer = Build(o, device);
        bool conditional = o.Model is "cmlp" or "cdcgan";
        var batches = new Batches(trainSet ?? quality.Train, o.Batch);
        string recipe = $"{o.Model} {o.Objective}{(o.Limit is int l ? $", first {l} images only" : "")}, batch {o.Batch}, features {o.Features}, hidden {o.Hidden}, {trainer.Config}";
        File.WriteAllText(Path.Combine(o.Out, "recipe.txt"), recipe + $"\nthreads {o.Threads}, seed {o.Seed}, {Environment.ProcessorCount} cores\n");
        Console.WriteLine(recipe);
        var clock = new Stopwatch();
        string curveFile = Path.Combine(o.Out, "curve.jsonl"), last = Path.Combine(o.Out, "last.zip");
        var done = o.Resume && File.Exists(curveFile)
            ? File.ReadLines(curveFile).Select(l => JsonSerializer.Deserialize<CurvePoint>(l)!).ToList() : [];
        double trainedBefore = 0;
        if (done.Count > 0)
        {
            Checkpoint.Load(last, trainer);           // networks, optimizers, step counter: the run goes on
            trainedBefore = done[^1].TrainSeconds;
            Setup.Seed(o.Seed + done.Count);          // a fresh stream for the rest (not the one an unbroken run draws)
            Console.WriteLine($"resuming after epoch {done.Count} (step {trainer.Steps}, {trainedBefore / 60:F1} min of training)");
        }
        using var log = new StreamWriter(curveFile, append: done.Count > 0) { AutoFlush = true };
        for (int epoch = done.Count + 1; epoch <= o.Epochs; epoch++)
        {
            clock.Start();
            foreach (var (x, y) in batches.Epoch())
            {
                using var scope = torch.NewDisposeScope();
                trainer.StepNoSync(x, conditional ? y : null);
            }
            trainer.FlushMetrics();
            clock.Stop();
            var labels = (Tensor z) => torch.arange(z.shape[0], device: z.device) % 10;
            var g = check.Score("G", z => trainer.Sample(z, conditional ? labels(z) : null), trainer.LatentDim);
            var e = trainer.Ema is null ? null : check.Score("EMA", z => trainer.Sample(z, conditional ? labels(z) : null, useEma: true), trainer.LatentDim);
            string file = $"epoch-{epoch:00}.zip";
            Checkpoint.SaveGenerator(Path.Combine(o.Out, file), trainer);
            Checkpoint.Save(last, trainer);            // the whole trainer, for --resume
            var point = new CurvePoint(epoch, trainer.Steps, trainer.GeneratorSteps, Math.Round(trainedBefore + clock.Elapsed.TotalSeconds, 1),
                Math.Round(g.Fid, 2), Math.Round(g.Score, 3), e is null ? null : Math.Round(e.Fid, 2), e is null ? null : Math.Round(e.Score, 3), file);
            log.WriteLine(JsonSerializer.Serialize(point));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "epoch {0,3}  steps {1,6}  train {2,7:F1} min  FID {3,7:F1}  score {4:F2}{5}", epoch, trainer.Steps,
                (trainedBefore + clock.Elapsed.TotalSeconds) / 60, g.Fid, g.Score, e is null ? "" : $"  EMA FID {e.Fid:F1} score {e.Score:F2}"));
        }
        return 0;
    }

    static GanTrainer Build(CurveOptions o, Device device)
    {
        var config = (o.Model, o.Objective) switch
        {
            ("wgan-clip", _) => TrainerConfig.Wgan,
            ("wgan-gp", _) => TrainerConfig.WganGp,
            (_, "lsgan") => TrainerConfig.Lsgan,
            (_, "ns") => TrainerConfig.Dcgan,
            _ => throw new ArgumentException($"Unknown objective '{o.Objective}': ns or lsgan."),
        };
        config = config with
        {
            LearningRateG = o.LrG ?? config.LearningRateG,
            LearningRateD = o.LrD ?? config.LearningRateD,
            EmaDecay = o.Ema,
            CriticSteps = o.CriticSteps ?? config.CriticSteps,
            ClipValue = o.Clip ?? config.ClipValue,
        };
        var dcgan = new DcganConfig(Features: o.Features);
        var mlp = new MlpConfig(Hidden: o.Hidden);
        return o.Model switch
        {
            "mlp" => new GanTrainer(new MlpGenerator(mlp).to(device), new MlpDiscriminator(mlp).to(device), config),
            "dcgan" => new GanTrainer(new DcganGenerator(dcgan).to(device), new DcganDiscriminator(dcgan).to(device), config),
            "wgan-clip" => new GanTrainer(new DcganGenerator(dcgan).to(device),
                new WganCritic(new WganCriticConfig(Features: o.Features, Norm: CriticNorm.BatchNorm)).to(device), config),
            "wgan-gp" => new GanTrainer(new DcganGenerator(dcgan).to(device),
                new WganCritic(new WganCriticConfig(Features: o.Features)).to(device), config),
            "cmlp" => new GanTrainer(new ConditionalMlpGenerator(new ConditionalMlpConfig(Hidden: o.Hidden)).to(device),
                new ConditionalMlpDiscriminator(new ConditionalMlpConfig(Hidden: o.Hidden)).to(device), config),
            "cdcgan" => new GanTrainer(new ConditionalDcganGenerator(new ConditionalDcganConfig(Features: o.Features)).to(device),
                new ConditionalDcganDiscriminator(new ConditionalDcganConfig(Features: o.Features)).to(device), config),
            _ => throw new ArgumentException($"Unknown model '{o.Model}'."),
        };
    }
}
