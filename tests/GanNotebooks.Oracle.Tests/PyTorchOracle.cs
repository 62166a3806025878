using System.Diagnostics;
using GanNotebooks.Testing;

namespace GanNotebooks.Oracle.Tests;

/// <summary>
/// Runs oracle/oracle.py with Debian's python and the PyTorch that tools/setup-oracle.sh unpacked into a private
/// prefix: PYTHONPATH and LD_LIBRARY_PATH point into it for this one process only (a system-wide libtorch 1.13
/// breaks TorchSharp's notebook kernel). A missing prefix is a failure, never a skip, on any machine: the oracle tests
/// are all in the Slow category (the fast lane leaves them out), so whoever runs them means to. Paths:
/// <see cref="TestMachine.OraclePrefix"/>, <see cref="TestMachine.OraclePython"/>.
/// </summary>
static class PyTorchOracle
{
    static string Python => TestMachine.OraclePython;
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    static string Prefix => TestMachine.OraclePrefix;

    /// <summary>Runs the oracle over every case folder under <paramref name="casesDir"/>; returns its stdout.</summary>
    public static string Run(string casesDir)
    {
        var sitePackages = Path.Combine(Prefix, "usr/lib/python3/dist-packages");
        var libDir = Directory.Exists(Path.Combine(Prefix, "usr/lib"))
            ? Directory.GetFiles(Path.Combine(Prefix, "usr/lib"), "libtorch_cpu.so*", SearchOption.AllDirectories)
                .Select(Path.GetDirectoryName).FirstOrDefault()
            : null;
        if (!File.Exists(Path.Combine(Prefix, "VERSION")) || !Directory.Exists(Path.Combine(sitePackages, "torch")) || libDir is null)
            throw new InvalidOperationException(
                $"The PyTorch oracle is not installed in {Prefix}. Run tools/setup.sh (it calls tools/setup-oracle.sh, " +
                "which unpacks Debian's python3-torch there without installing it system-wide), or set GAN_ORACLE_PREFIX.");
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} (Debian's python3) is missing: run tools/setup.sh, or set GAN_ORACLE_PYTHON.");

        var scripts = Path.Combine(AppContext.BaseDirectory, "oracle");
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(scripts, "oracle.py"));
        psi.ArgumentList.Add(casesDir);
        psi.Environment["PYTHONPATH"] = $"{sitePackages}:{scripts}";
        psi.Environment["LD_LIBRARY_PATH"] = libDir;
        psi.Environment["PYTHONNOUSERSITE"] = "1";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        psi.Environment["OMP_NUM_THREADS"] = "1";

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The PyTorch oracle ran longer than {Timeout.TotalMinutes} minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"The PyTorch oracle failed (exit {process.ExitCode}):\n{stderr.Result}\n{stdout.Result}");
        return stdout.Result;
    }
}
