using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Bench;

/// <summary>Collects <see cref="MachineInfo"/>: CPU, load, GPU, versions, date and git commit.</summary>
public static class Machine
{
    /// <summary>Environment variable with the commit, for runs outside a git checkout (the GPU machine).</summary>
    public const string CommitVariable = "GAN_BENCH_COMMIT";

    public static MachineInfo Describe(Device device) => new()
    {
        Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        Host = Environment.MachineName,
        Os = RuntimeInformation.OSDescription,
        Cpu = CourseResults.CpuModel(),
        CpuCores = Environment.ProcessorCount,
        LoadAverage1m = LoadAverage(),
        TorchThreads = torch.get_num_threads(),
        Device = device.type.ToString().ToLowerInvariant(),
        Gpu = device.type == DeviceType.CUDA ? DeviceMemory.GpuName() ?? "CUDA (nvidia-smi not found)" : null,
        FrameworkVersion = "TorchSharp " + (typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?
            .InformationalVersion.Split('+')[0] ?? typeof(torch).Assembly.GetName().Version?.ToString()),
        Runtime = RuntimeInformation.FrameworkDescription,
        GitCommit = Commit(),
    };

    /// <summary>The 1-minute load average (Linux): on a shared machine it says how noisy the timings are.</summary>
    public static double? LoadAverage()
    {
        try
        {
            string s = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(s, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    static string? Commit()
    {
        if (Environment.GetEnvironmentVariable(CommitVariable) is { Length: > 0 } c) return c;
        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", "rev-parse --short=12 HEAD")
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (p is null) return null;
            string s = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(5000);
            if (p.ExitCode != 0) return null;
            using var st = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no")
            { RedirectStandardOutput = true, UseShellExecute = false });
            bool dirty = st is not null && st.StandardOutput.ReadToEnd().Trim().Length > 0;
            return dirty ? s + "-dirty" : s;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException) { return null; }
    }
}
