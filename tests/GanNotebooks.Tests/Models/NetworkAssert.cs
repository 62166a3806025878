namespace GanNotebooks.Tests.Models;

/// <summary>Parameter counts by hand and state-dict keys, for the registration tests.</summary>
internal static class NetworkAssert
{
    internal static long Linear(long inputs, long outputs) => inputs * outputs + outputs;
    internal static long Conv(long inputs, long outputs, long kernel) => inputs * outputs * kernel * kernel; // no bias
    internal static long BatchNorm(long channels) => 2 * channels;           // weight + bias (running stats are buffers)
    internal static long Embedding(long classes, long dim) => classes * dim;

    internal static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());

    /// <summary>The parameters of a norm layer named <paramref name="prefix"/>.</summary>
    internal static string[] NormParameters(string prefix) => [$"{prefix}.weight", $"{prefix}.bias"];

    /// <summary>The buffers of a BatchNorm2d named <paramref name="prefix"/>.</summary>
    internal static string[] BatchNormBuffers(string prefix) =>
        [$"{prefix}.running_mean", $"{prefix}.running_var", $"{prefix}.num_batches_tracked"];

    /// <summary>
    /// Parameter and buffer keys, exactly and in order (catches missing and duplicated registrations), and the
    /// state dict, which TorchSharp lists as all parameters, then all buffers.
    /// </summary>
    internal static void Keys(nn.Module module, string[] parameters, string[]? buffers = null)
    {
        buffers ??= [];
        Assert.Equal(parameters, module.named_parameters().Select(p => p.name).ToArray());
        Assert.Equal(buffers, module.named_buffers().Select(b => b.name).ToArray());
        Assert.Equal(parameters.Concat(buffers).ToArray(), module.state_dict().Keys.ToArray());
    }

    /// <summary>Exact equality of two tensors (shape and every value).</summary>
    internal static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
