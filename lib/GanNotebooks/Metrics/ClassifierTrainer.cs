using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>How a <see cref="FeatureClassifier"/> is trained. Taught in notebook 07.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="LearningRate">Adam's peak learning rate; it follows a cosine decay to 0 over all steps.</param>
/// <param name="WeightDecay">Decoupled weight decay (AdamW); 0 gives plain Adam.</param>
public sealed record ClassifierTrainingConfig(
    int Epochs = 5, int BatchSize = 128, double LearningRate = 2e-3, double WeightDecay = 1e-4);

/// <summary>One epoch of classifier training. Taught in notebook 07.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean cross-entropy over the epoch's steps.</param>
/// <param name="TrainAccuracy">Fraction of the epoch's training images classified correctly (in train mode).</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record ClassifierEpoch(int Epoch, double Loss, double TrainAccuracy, double Seconds);

/// <summary>
/// Supervised training of a <see cref="FeatureClassifier"/>: cross-entropy, Adam(W) with a cosine learning-rate
/// decay, shuffled mini-batches drawn from torch's CPU generator (so <c>Setup.Seed</c> makes a run repeatable on CPU).
/// Taught in notebook 07.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Trains <paramref name="model"/> in place on images [N, C, H, W] in [-1, 1] with labels [N] (int64).</summary>
    /// <param name="model">The classifier; trained on the device its parameters are on.</param>
    /// <param name="images">Training images; moved to the model's device once (60,000 × 28 × 28 floats = 188 MB).</param>
    /// <param name="labels">Class indices in [0, Classes).</param>
    /// <param name="config">Epochs, batch size, learning rate.</param>
    /// <param name="log">Receives one line per epoch; null for silence.</param>
    /// <returns>Loss, training accuracy and time of each epoch.</returns>
    /// <exception cref="ArgumentException">Labels that do not match the images, or a batch larger than the data.</exception>
    public static IReadOnlyList<ClassifierEpoch> Train(FeatureClassifier model, Tensor images, Tensor labels,
        ClassifierTrainingConfig? config = null, TextWriter? log = null)
    {
        config ??= new ClassifierTrainingConfig();
        Check(images, labels, config);
        var device = model.parameters().First().device;
        using var x = images.to(device);
        using var y = labels.to(ScalarType.Int64, device);
        long n = x.shape[0], steps = n / config.BatchSize;                       // the last partial batch is dropped
        using var optimizer = torch.optim.AdamW(model.parameters(), config.LearningRate,
            weight_decay: config.WeightDecay);
        var schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, (int)(steps * config.Epochs));
        var epochs = new List<ClassifierEpoch>();
        model.train();
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            using var order = torch.randperm(n).to(device);                     // CPU generator: seeded by Setup.Seed
            double lossSum = 0, correct = 0;
            for (long s = 0; s < steps; s++)
            {
                var (loss, hits) = Step(model, optimizer, x, y, order.narrow(0, s * config.BatchSize, config.BatchSize));
                schedule.step();
                lossSum += loss;
                correct += hits;
            }
            var e = new ClassifierEpoch(epoch, lossSum / steps, correct / (steps * config.BatchSize),
                clock.Elapsed.TotalSeconds);
            epochs.Add(e);
            log?.WriteLine($"classifier epoch {e.Epoch}/{config.Epochs}: loss {e.Loss:F4}, " +
                           $"train accuracy {e.TrainAccuracy:F4}, {e.Seconds:F1} s");
        }
        model.eval();
        return epochs;
    }

    /// <summary>One optimisation step on the batch at <paramref name="index"/>; returns the loss and the number of
    /// correctly classified images.</summary>
    static (float Loss, long Hits) Step(FeatureClassifier model, torch.optim.Optimizer optimizer, Tensor x, Tensor y,
        Tensor index)
    {
        using var scope = torch.NewDisposeScope();
        var xb = x.index_select(0, index);                                       // [B, C, H, W]
        var yb = y.index_select(0, index);                                       // [B]
        optimizer.zero_grad();
        var logits = model.call(xb);                                             // [B, K]
        var loss = torch.nn.functional.cross_entropy(logits, yb);
        loss.backward();
        optimizer.step();
        return (loss.item<float>(), logits.argmax(1).eq(yb).sum().item<long>());
    }

    static void Check(Tensor images, Tensor labels, ClassifierTrainingConfig config)
    {
        if (images.dim() != 4 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"Expected images [N, C, H, W] and labels [N]; got [{string.Join(", ", images.shape)}] " +
                $"and [{string.Join(", ", labels.shape)}].");
        if (config.Epochs < 1 || config.BatchSize < 1 || config.BatchSize > images.shape[0])
            throw new ArgumentException($"Bad training settings {config} for {images.shape[0]} images: need at least one " +
                "epoch and a batch size between 1 and the number of images.");
    }
}
