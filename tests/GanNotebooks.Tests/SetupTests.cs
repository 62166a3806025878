using GanNotebooks;

namespace GanNotebooks.Tests;

public class NativeLibraryTests
{
    [Fact]
    public void NativeLibraryLoadsAndATensorOpRuns()
    {
        // Loading torch triggers the load of libLibTorchSharp.so and libtorch; on Debian 12 this needs the
        // build's VER_FLG_WEAK fix (build/TorchSharpNativeFix.targets).
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, b.data<float>().ToArray());
    }
}

[Collection(nameof(EnvironmentVariableCollection))]
public class SetupTests
{
    [Fact]
    public void GanDeviceCpuIsHonoured()
    {
        using var _ = new EnvVar(Setup.DeviceVariable, "cpu");
        var choice = Setup.ChooseDevice();
        Assert.Equal(DeviceType.CPU, choice.Device.type);
        Assert.Contains("GAN_DEVICE=cpu", choice.Reason);
    }

    [Fact]
    public void GanDeviceCudaWithoutAGpuSaysWhatToDo()
    {
        Assert.SkipWhen(torch.cuda.is_available(), "this machine has CUDA");
        using var _ = new EnvVar(Setup.DeviceVariable, "cuda");
        var e = Assert.Throws<InvalidOperationException>(() => Setup.ChooseDevice());
        Assert.Contains("GAN_DEVICE", e.Message);
        Assert.Contains("cpu", e.Message);
    }

    [Fact]
    public void AnExplicitRequestWinsOverTheEnvironment()
    {
        using var _ = new EnvVar(Setup.DeviceVariable, "cuda");
        Assert.Equal(DeviceType.CPU, Setup.ChooseDevice("cpu").Device.type);
    }

    [Fact]
    public void AutomaticChoiceFollowsCudaAvailability()
    {
        using var _ = new EnvVar(Setup.DeviceVariable, null);
        var choice = Setup.ChooseDevice();
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, choice.Device.type);
        Assert.StartsWith("automatic", choice.Reason);
    }

    [Fact]
    public void AnUnknownDeviceIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => Setup.ChooseDevice("tpu"));
        Assert.Contains("tpu", e.Message);
    }

}

[Collection(nameof(GlobalTorchRandomState))]
public class SeedTests
{
    [Fact]
    public void SeedMakesTorchRandomnessRepeatable()
    {
        Setup.Seed(7);
        using var a = torch.randn(5);
        Setup.Seed(7);
        using var b = torch.randn(5);
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
    }
}

/// <summary>Tests that set process environment variables run one at a time.</summary>
[CollectionDefinition(nameof(EnvironmentVariableCollection), DisableParallelization = true)]
public class EnvironmentVariableCollection { }

/// <summary>Sets an environment variable for the lifetime of a test and restores it afterwards.</summary>
public sealed class EnvVar : IDisposable
{
    readonly string name; readonly string? old;
    public EnvVar(string name, string? value) { this.name = name; old = Environment.GetEnvironmentVariable(name); Environment.SetEnvironmentVariable(name, value); }
    public void Dispose() => Environment.SetEnvironmentVariable(name, old);
}
