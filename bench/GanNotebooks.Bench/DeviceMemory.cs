using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>
/// Device memory as far as it can be read. TorchSharp 0.107 exposes no CUDA allocator statistics
/// (no max_memory_allocated, no empty_cache), so on CUDA this asks nvidia-smi: the memory this process holds
/// (the caching allocator's reservations plus the CUDA context), or, when nvidia-smi cannot see the process
/// (PID namespaces), the device's used memory minus the reading taken before CUDA started. The allocator never
/// hands memory back, so the figure is the peak reservation so far in this process: per variant only with --isolate.
/// </summary>
public static class DeviceMemory
{
    /// <summary>The device's used memory in MiB (first visible GPU), or null when nvidia-smi is not there.</summary>
    public static double? DeviceUsedMb() =>
        Smi("--query-gpu=memory.used --format=csv,noheader,nounits")?.Split('\n')[0] is { } line
        && double.TryParse(line.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double mb) ? mb : null;

    /// <summary>The GPU's name from nvidia-smi (or null).</summary>
    public static string? GpuName() => Smi("--query-gpu=name,driver_version --format=csv,noheader")?.Split('\n')[0].Trim();

    /// <summary>(MiB, how it was read) for the table: "n/a" on the CPU.</summary>
    public static (double? Mb, string Source) Read(Device device, double? baselineMb)
    {
        if (device.type != DeviceType.CUDA) return (null, "n/a (CPU)");
        int pid = Environment.ProcessId;
        string? apps = Smi("--query-compute-apps=pid,used_memory --format=csv,noheader,nounits");
        foreach (string line in (apps ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(',');
            if (f.Length == 2 && int.TryParse(f[0].Trim(), out int p) && p == pid
                && double.TryParse(f[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double mb))
                return (mb, "nvidia-smi: this process (allocator reservations + CUDA context)");
        }
        if (DeviceUsedMb() is double used && baselineMb is double b)
            return (used - b, "nvidia-smi: device used minus before-CUDA reading (reservations + context)");
        return (null, "n/a (TorchSharp 0.107 has no allocator statistics and nvidia-smi gave nothing)");
    }

    static string? Smi(string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("nvidia-smi", args)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (p is null) return null;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit(10_000);
            return p.ExitCode == 0 ? output : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;   // no nvidia-smi here
        }
    }
}
