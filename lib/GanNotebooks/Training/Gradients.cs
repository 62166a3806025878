using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// Which parameters a backward pass did not reach. TensorFlow warns "Gradients do not exist for variables ... when
/// minimizing the loss"; PyTorch and TorchSharp stay silent: such a parameter keeps a null gradient and its optimizer
/// skips it, so a layer that was built but is not on the path to the loss simply never learns.
/// Taught in notebook 01 (bug clinic).
/// </summary>
public static class Gradients
{
    /// <summary>
    /// The names of <paramref name="net"/>'s parameters that take part in training (<c>requires_grad</c>) but hold
    /// no gradient: call it after a <c>backward()</c> whose loss should reach all of them, with the gradients
    /// dropped before (<c>zero_grad(set_to_none: true)</c>), or a gradient left from an earlier pass counts as reached.
    /// </summary>
    public static IReadOnlyList<string> Missing(nn.Module net)
    {
        var missing = new List<string>();
        foreach (var (name, parameter) in net.named_parameters())
        {
            if (!parameter.requires_grad) continue;       // frozen on purpose
            using var grad = parameter.grad;              // a new handle to the gradient, or null
            if (grad is null) missing.Add(name);
        }
        return missing;
    }
}
