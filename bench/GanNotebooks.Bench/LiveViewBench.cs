using System.Diagnostics;
using System.Globalization;
using GanNotebooks.Data;
using GanNotebooks.Display;
using GanNotebooks.Models;
using GanNotebooks.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>
/// <c>--live-view [steps]</c>: what watching costs. The same DCGAN run (notebook 02's class settings: 32 base features,
/// batch 128, Fashion-MNIST) twice from one seed through <see cref="TrainingLoop"/>: once with the live view (progress,
/// loss chart, 64 current samples, refreshed at most once a second, each frame formatted as HTML the way a notebook host
/// formats it) and once without (no samples, no refresh). Reports both wall times, their ratio, and the loop's own
/// measure of the time spent on views; the bar is 5 % of the training time.
/// </summary>
internal static class LiveViewBench
{
    /// <summary>Steps of each run when <c>--live-view</c> names none.</summary>
    public const int DefaultSteps = 300;

    public static int Run(int steps, Device device)
    {
        using var data = BenchData.Load(device, null, steps * 128);
        Console.WriteLine($"live-view cost: DCGAN F=32, batch 128, {steps} steps, data {data.Source}");
        AppContext.SetData(LiveDisplay.HostKey, (Func<object, Action<object>>)(first => Format(first)));
        Train(data.All, Math.Min(steps, 30), device, watch: true);          // warm-up: JIT, allocator, first PNG encode
        var (plain, _, _) = Train(data.All, steps, device, watch: false);
        var (watched, views, frames) = Train(data.All, steps, device, watch: true);
        double overhead = watched.TotalSeconds / plain.TotalSeconds - 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"without view {plain.TotalSeconds:F1} s, with view {watched.TotalSeconds:F1} s: {100 * overhead:+0.0;-0.0} % wall time; " +
            $"the loop's own measure: {frames} views, {views.TotalSeconds:F2} s = {100 * views / watched:F1} % of the run (bar: 5 %)"));
        return 0;
    }

    static (TimeSpan Wall, TimeSpan Views, int Frames) Train(ImageDataset data, int steps, Device device, bool watch)
    {
        Setup.Seed(42);
        var cfg = new DcganConfig(Features: 32);
        using var trainer = new GanTrainer(new DcganGenerator(cfg).to(device), new DcganDiscriminator(cfg).to(device), TrainerConfig.Dcgan);
        var fixedZ = Latent.FixedNoise(64, cfg.LatentDim, device, 42);
        var batches = new Batches(data, 128);
        int frames = 0;
        var loop = new TrainingLoop(trainer, batches, steps: steps)
        {
            LogEvery = 50,
            Samples = watch ? () => { frames++; using var fake = trainer.Sample(fixedZ); return ImageGrid.From(fake, columns: 8); } : null,
            RefreshEvery = watch ? TimeSpan.FromSeconds(1) : TimeSpan.MaxValue,
        };
        var clock = Stopwatch.StartNew();
        loop.Run();
        return (clock.Elapsed, loop.ViewTime, frames);
    }

    // A notebook host: each frame is formatted to HTML and its text (what the kernel serializes and sends).
    static Action<object> Format(object first)
    {
        Touch(first);
        return Touch;
    }

    static void Touch(object value)
    {
        if (value is TrainingView view) _ = view.ToHtml().Length + view.ToString().Length;
    }
}
