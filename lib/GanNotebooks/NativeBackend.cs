using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace GanNotebooks;

/// <summary>
/// Loads TorchSharp's native backend on the library's first torch call (<see cref="Setup.Seed"/>,
/// <see cref="Setup.ChooseDevice"/>) and turns the two load failures a Linux user meets into messages that say what
/// happened and what to do (environment.md, "Linux"):
/// <list type="bullet">
/// <item>a system libtorch (Debian's <c>libtorch1.13</c>, pulled in by <c>python3-torch</c>) found before TorchSharp's
/// own: <c>undefined symbol: _ZNK3c105Error4whatEv</c>;</item>
/// <item>a libstdc++ older than TorchSharp 0.107 asks for (Debian 12, Ubuntu 22.04: no <c>GLIBCXX_3.4.32</c>), in a
/// notebook kernel that loads the natives from the NuGet cache.</item>
/// </list>
/// Taught in notebook 01 (the setup cell).
/// </summary>
public static class NativeBackend
{
    static readonly string[] SystemLibraryFolders =
        ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"];

    /// <summary>Makes sure libtorch is loaded; throws <see cref="InvalidOperationException"/> with advice when it cannot be.</summary>
    public static void EnsureLoaded()
    {
        try
        {
            _ = torch.cuda.is_available();
        }
        catch (TypeInitializationException e) when (Advice(e.ToString(), SystemLibtorch(), SystemLibStdCxxLacks("GLIBCXX_3.4.32")) is { } advice)
        {
            throw new InvalidOperationException(advice, e);
        }
    }

    /// <summary>What to tell the user about a failed TorchSharp load (<paramref name="error"/>: the exception's text); null when we cannot tell.</summary>
    /// <param name="error">The load failure, as text (TorchSharp puts its loader trace into the message).</param>
    /// <param name="systemLibtorch">A libtorch found in the system's library folders, or null.</param>
    /// <param name="oldLibStdCxx">True when the system libstdc++ lacks GLIBCXX_3.4.32.</param>
    public static string? Advice(string error, string? systemLibtorch, bool oldLibStdCxx)
    {
        bool nativeLoad = error.Contains("LibTorchSharp", StringComparison.Ordinal) || error.Contains("libtorch", StringComparison.Ordinal);
        if (systemLibtorch is not null && (error.Contains("undefined symbol", StringComparison.Ordinal) || nativeLoad))
            return $"TorchSharp could not load its libtorch 2.10: the system has another libtorch ({systemLibtorch}), which the loader " +
                   "finds first (the error names a symbol such as _ZNK3c105Error4whatEv that it lacks). On Debian/Ubuntu remove it " +
                   "(sudo apt remove libtorch1.13 python3-torch, or whichever package `dpkg -S` names for that file), then restart the " +
                   "kernel. For a PyTorch oracle next to TorchSharp, keep PyTorch in a private folder (tools/setup-oracle.sh).";
        if (oldLibStdCxx && nativeLoad)
            return "TorchSharp 0.107 could not load libLibTorchSharp.so: this Linux has a libstdc++ without GLIBCXX_3.4.32 (Debian 12, " +
                   "Ubuntu 22.04), and a notebook kernel loads TorchSharp's natives from the NuGet cache, which our build does not " +
                   "patch. Run `bash tools/kernel-setup.sh --fix-torchsharp-cache` once in this repository (it marks that one version " +
                   "need weak in the cache's libLibTorchSharp.so; see environment.md), then restart the kernel. Or use the runner.";
        return null;
    }

    /// <summary>The first libtorch_cpu / libc10 in the system's library folders, or null.</summary>
    public static string? SystemLibtorch()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
        foreach (string folder in SystemLibraryFolders.Where(Directory.Exists))
        {
            var found = Directory.EnumerateFiles(folder, "libtorch_cpu.so*").Concat(Directory.EnumerateFiles(folder, "libc10.so*")).FirstOrDefault();
            if (found is not null) return found;
        }
        return null;
    }

    /// <summary>True on Linux when the system libstdc++.so.6 does not define <paramref name="version"/>.</summary>
    static bool SystemLibStdCxxLacks(string version)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return false;
        string? lib = SystemLibraryFolders.Select(f => Path.Combine(f, "libstdc++.so.6")).FirstOrDefault(File.Exists);
        if (lib is null) return false;
        byte[] bytes = File.ReadAllBytes(lib), needle = Encoding.ASCII.GetBytes(version + "\0");
        return bytes.AsSpan().IndexOf(needle) < 0;
    }
}
