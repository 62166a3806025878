using GanNotebooks.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// An exponential moving average of a network's weights (usually the generator's): a second network of the same
/// architecture whose parameters follow θ_ema ← β θ_ema + (1 − β) θ after each optimizer step. Samples from the
/// averaged generator are often smoother than from the live one (Yazıcı et al. 2019; Karras et al. 2018).
/// Taught in notebook 09.
/// </summary>
/// <remarks>
/// The copy is kept out of autograd (requires_grad = false, updates under no_grad) and in eval mode; its buffers
/// (batch-norm running mean and variance) are copied from the live network at every update, not averaged.
/// Create it after the network has been moved to its device: it copies the device, and keeps references to the
/// live network's parameters.
/// </remarks>
public sealed class EmaModel : IDisposable
{
    readonly List<(Tensor Ema, Tensor Live)> parameters = [];
    readonly List<(Tensor Ema, Tensor Live)> buffers = [];

    /// <summary>Averages <paramref name="model"/>, which must be an <see cref="INetwork"/> (it builds the copy).</summary>
    public EmaModel(nn.Module model, double decay) : this(model, Recreate(model), decay) { }

    /// <summary>Averages <paramref name="model"/> into <paramref name="copy"/>, a network of the same architecture.</summary>
    public EmaModel(nn.Module model, nn.Module copy, double decay)
    {
        if (!(decay >= 0 && decay <= 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "The EMA decay β must be in [0, 1] (typically 0.999).");
        Decay = decay;
        Live = model;
        var device = model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        Model = copy.to(device);
        Model.eval();
        var liveParams = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var liveBuffers = model.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach (var (name, p) in Model.named_parameters())
        {
            p.requires_grad = false;
            parameters.Add((p, Find(liveParams, name, "parameter")));
        }
        foreach (var (name, b) in Model.named_buffers()) buffers.Add((b, Find(liveBuffers, name, "buffer")));
        if (parameters.Count != liveParams.Count || buffers.Count != liveBuffers.Count)
            throw new ArgumentException("The EMA copy has a different set of parameters or buffers than the model: build it with the same config.");
        CopyFromLive();
    }

    /// <summary>The averaged network (use it for sampling: <c>(DcganGenerator)ema.Model</c>).</summary>
    public nn.Module Model { get; }
    /// <summary>The live network being averaged.</summary>
    public nn.Module Live { get; }
    /// <summary>β: the weight of the old average in each update.</summary>
    public double Decay { get; }
    /// <summary>Number of <see cref="Update"/> calls so far.</summary>
    public long Updates { get; private set; }

    /// <summary>θ_ema ← β θ_ema + (1 − β) θ for every parameter; buffers copied.</summary>
    public void Update()
    {
        using var _ = torch.no_grad();
        foreach (var (ema, live) in parameters) ema.mul_(Decay).add_(live, alpha: 1 - Decay);
        foreach (var (ema, live) in buffers) ema.copy_(live);
        Updates++;
    }

    /// <summary>Sets the average to the live weights (θ_ema ← θ), e.g. at the start.</summary>
    public void CopyFromLive()
    {
        using var _ = torch.no_grad();
        foreach (var (ema, live) in parameters) ema.copy_(live);
        foreach (var (ema, live) in buffers) ema.copy_(live);
    }

    /// <summary>Disposes the averaged copy (not the live network).</summary>
    public void Dispose() => Model.Dispose();

    static Tensor Find(Dictionary<string, Tensor> live, string name, string what) =>
        live.TryGetValue(name, out var t) ? t
        : throw new ArgumentException($"The EMA copy has a {what} '{name}' that the model lacks: build the copy with the same config.");

    static nn.Module Recreate(nn.Module model) => model is INetwork n ? n.Recreate()
        : throw new ArgumentException($"{model.GetType().Name} is not an INetwork, so EmaModel cannot build its copy. " +
            "Pass a second network of the same architecture: new EmaModel(model, copy, decay).");
}
