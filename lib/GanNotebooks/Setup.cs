using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks;

/// <summary>The device a notebook trains on, and why it was picked (notebooks print <see cref="ToString"/>). Taught in notebook 01 (the setup cell).</summary>
public sealed record DeviceChoice(Device Device, string Reason)
{
    public override string ToString() => $"device: {Device.type.ToString().ToLowerInvariant()} ({Reason})";
}

/// <summary>The two entry points every notebook starts with: <see cref="ChooseDevice"/> and <see cref="Seed"/>. Taught in notebook 01 (the setup cell).</summary>
public static class Setup
{
    /// <summary>Environment variable that overrides the device choice: <c>cpu</c> or <c>cuda</c>.</summary>
    public const string DeviceVariable = "GAN_DEVICE";

    /// <summary>
    /// Picks CUDA when it is available, else the CPU. <paramref name="requested"/> ("cpu", "cuda", or null/"" / "auto"
    /// for automatic) wins over the <c>GAN_DEVICE</c> environment variable, which wins over the automatic choice.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown device name.</exception>
    /// <exception cref="InvalidOperationException">CUDA asked for, but not available.</exception>
    public static DeviceChoice ChooseDevice(string? requested = null)
    {
        string? env = Environment.GetEnvironmentVariable(DeviceVariable);
        (string? name, string source) = !IsAuto(requested) ? (requested, "asked for")
            : !IsAuto(env) ? (env, $"{DeviceVariable}={env}")
            : (null, "automatic");
        NativeBackend.EnsureLoaded();
        bool cuda = torch.cuda.is_available();
        switch (name?.Trim().ToLowerInvariant())
        {
            case null:
                return cuda
                    ? new DeviceChoice(CUDA, $"automatic: CUDA is available, {torch.cuda.device_count()} GPU(s)")
                    : new DeviceChoice(CPU, "automatic: CUDA is not available");
            case "cpu":
                return new DeviceChoice(CPU, source);
            case "cuda":
                if (!cuda)
                    throw new InvalidOperationException(
                        $"CUDA was requested ({source}) but is not available: TorchSharp found no CUDA backend or no GPU. " +
                        "Reference TorchSharp-cuda-linux / TorchSharp-cuda-windows (see environment.md), " +
                        $"or set {DeviceVariable}=cpu / pass \"cpu\".");
                return new DeviceChoice(CUDA, source);
            default:
                throw new ArgumentException(
                    $"Unknown device '{name}' ({source}). Use \"cpu\", \"cuda\" or \"auto\".", nameof(requested));
        }
    }

    /// <summary>
    /// Seeds everything random in a run: torch's CPU generator, every CUDA generator, and therefore the batch
    /// shuffling, which draws its permutations from torch's CPU generator. In the .NET Interactive kernel it also
    /// arms the stop button (<see cref="Training.StopSignal.Arm"/>): every notebook seeds in its first cells.
    /// </summary>
    public static void Seed(int seed)
    {
        Training.StopSignal.Arm();
        NativeBackend.EnsureLoaded();
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }

    static bool IsAuto(string? s) => string.IsNullOrWhiteSpace(s) || s.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase);
}
