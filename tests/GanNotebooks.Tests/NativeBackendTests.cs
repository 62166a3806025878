namespace GanNotebooks.Tests;

/// <summary>The advice for TorchSharp load failures, on the texts the real failures produce.</summary>
public class NativeBackendTests
{
    // What the .NET Interactive kernel reported on Debian 12 before the cache fix (TorchSharp's loader trace, shortened).
    const string OldLibStdCxxFailure =
        "System.TypeInitializationException: The type initializer for 'TorchSharp.torch' threw an exception.\n" +
        " ---> System.NotSupportedException: This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64, Version=2.10.0.0.\n" +
        "    Trying to load native component /root/.nuget/packages/torchsharp/0.107.0/lib/net8.0/cpu/libLibTorchSharp.so\n" +
        "    Failed to load native component /root/.nuget/packages/torchsharp/0.107.0/lib/net8.0/cpu/libLibTorchSharp.so\n";

    const string SystemLibtorchFailure =
        "System.TypeInitializationException: The type initializer for 'TorchSharp.torch' threw an exception.\n" +
        " ---> System.DllNotFoundException: Unable to load shared library 'LibTorchSharp': libLibTorchSharp.so: undefined symbol: _ZNK3c105Error4whatEv\n";

    [Fact]
    public void ASystemLibtorchIsNamedWithTheWayOut()
    {
        string? advice = NativeBackend.Advice(SystemLibtorchFailure, "/usr/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13", oldLibStdCxx: false);

        Assert.NotNull(advice);
        Assert.Contains("/usr/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13", advice);
        Assert.Contains("sudo apt remove libtorch1.13 python3-torch", advice);
    }

    [Fact]
    public void AnOldLibStdCxxPointsAtTheCacheFix()
    {
        string? advice = NativeBackend.Advice(OldLibStdCxxFailure, systemLibtorch: null, oldLibStdCxx: true);

        Assert.NotNull(advice);
        Assert.Contains("GLIBCXX_3.4.32", advice);
        Assert.Contains("bash tools/kernel-setup.sh --fix-torchsharp-cache", advice);
    }

    [Fact]
    public void NoAdviceWhenNeitherCauseIsPresent()
    {
        Assert.Null(NativeBackend.Advice(OldLibStdCxxFailure, systemLibtorch: null, oldLibStdCxx: false));
        Assert.Null(NativeBackend.Advice("System.OutOfMemoryException", "/usr/lib/libtorch_cpu.so", oldLibStdCxx: true));
    }

    [Fact]
    public void ThisMachineHasNoSystemLibtorchAndTorchLoads()
    {
        // The tests' machine keeps PyTorch out of the loader path (tools/setup-oracle.sh uses a private prefix).
        Assert.Null(NativeBackend.SystemLibtorch());
        NativeBackend.EnsureLoaded();
    }
}
