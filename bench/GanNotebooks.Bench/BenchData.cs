using System.Globalization;
using GanNotebooks.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>
/// The training images for the benchmark: Fashion-MNIST's 60,000 training images when the files are found
/// (data folder, GAN_DATA_DIR or /usr/share/datasets), else random images of the same shape. Resident on the device.
/// </summary>
public sealed class BenchData : IDisposable
{
    /// <summary>Images in the SGAN labelled subset (the rest of the data is used as unlabelled).</summary>
    public const int LabelledCount = 1000;

    BenchData(ImageDataset all, string source)
    {
        All = all;
        Source = source;
    }

    /// <summary>"fashion-mnist" or "random (...)": printed and written to the JSON.</summary>
    public string Source { get; }
    /// <summary>Every image, on the device.</summary>
    public ImageDataset All { get; }

    /// <summary>Loads Fashion-MNIST (no download) or makes random data of the same shape, on <paramref name="device"/>.</summary>
    public static BenchData Load(Device device, string? dataDir, int images = 60_000)
    {
        ImageDataset cpu;
        string source;
        try
        {
            cpu = Datasets.Load("fashion-mnist", new DatasetOptions(DataDir: dataDir, AllowDownload: false, Log: _ => { }));
            source = "fashion-mnist";
        }
        catch (DatasetException e)
        {
            string why = e.Message.Split('\n')[0];
            Console.WriteLine($"Fashion-MNIST not found ({why}); using random images of the same shape.");
            using var scope = torch.NewDisposeScope();
            var x = torch.rand(60_000, 1, 28, 28).mul_(2).sub_(1);           // [N, 1, 28, 28] in [-1, 1]
            var y = torch.randint(0, 10, [60_000], dtype: ScalarType.Int64); // [N]
            cpu = new ImageDataset("random", x, y, [.. Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
            source = "random (Fashion-MNIST files not found)";
        }
        using (cpu)
        {
            int n = Math.Min(images, cpu.Count);
            using var subset = n == cpu.Count ? cpu.To(CPU)
                : new ImageDataset(cpu.Name, cpu.Images.narrow(0, 0, n), cpu.Labels.narrow(0, 0, n), cpu.ClassNames);
            return new BenchData(subset.To(device), source);
        }
    }

    /// <summary>A fixed batch (the first <paramref name="batch"/> images) for step timing, with an SGAN labelled batch.</summary>
    public RealBatch FixedBatch(int batch)
    {
        int b = Math.Min(batch, All.Count);
        int bl = Math.Min(b, Math.Min(LabelledCount, All.Count));
        return new RealBatch(All.Images.narrow(0, 0, b), All.Labels.narrow(0, 0, b),
            All.Images.narrow(0, 0, bl), All.Labels.narrow(0, 0, bl));
    }

    /// <summary>
    /// The first <paramref name="count"/> images as their own dataset (same storage), for a shorter epoch
    /// or the SGAN labelled subset. Dispose it after use.
    /// </summary>
    public ImageDataset Take(int count)
    {
        int n = Math.Min(count, All.Count);
        return new ImageDataset(All.Name, All.Images.narrow(0, 0, n), All.Labels.narrow(0, 0, n), All.ClassNames);
    }

    public void Dispose() => All.Dispose();
}
