using System.Diagnostics;
using System.Globalization;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Runner.Run;

/// <summary>What a rendered notebook states about its run: the machine, the wall time, the library version.</summary>
internal static class MachineDescription
{
    /// <summary>The execution record for a run that took <paramref name="wall"/> and finished now.</summary>
    public static ExecutionInfo For(TimeSpan wall) => new(
        Device(), wall.TotalSeconds,
        typeof(GanNotebooks.Setup).Assembly.GetName().Version?.ToString(3),
        DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    // "CUDA, NVIDIA H100 80GB HBM3" or "CPU, 2 cores". Reading torch.cuda here is cheap: notebooks have loaded torch.
    static string Device()
    {
        bool cuda;
        try { cuda = TorchSharp.torch.cuda.is_available(); }
        catch (Exception) { cuda = false; }   // torch never loaded (a notebook without TorchSharp): then it is the CPU
        return cuda ? $"CUDA, {GpuName() ?? "GPU"}" : $"CPU, {Environment.ProcessorCount} cores";
    }

    static string? GpuName()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name --format=csv,noheader")
            { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p == null) return null;
            string name = p.StandardOutput.ReadToEnd().Split('\n')[0].Trim();
            p.WaitForExit(5000);
            return name.Length > 0 ? name : null;
        }
        catch (Exception) { return null; }   // no nvidia-smi on PATH
    }
}
