using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// Generating images for display: the generator runs in eval mode (batch norm uses its running statistics) and
/// under no_grad, then goes back to the mode it was in.
/// Taught in notebook 01 (eval mode and no_grad for samples).
/// </summary>
public static class Sampling
{
    /// <summary>G(z) in eval mode and without autograd: z [B, Z] -> images [B, C, H, W] in [-1, 1].</summary>
    public static Tensor Generate(nn.Module<Tensor, Tensor> generator, Tensor z) =>
        InEval(generator, () => generator.call(z));

    /// <summary>Conditional G(z, y) in eval mode and without autograd: z [B, Z], labels [B] -> images [B, C, H, W].</summary>
    public static Tensor Generate(nn.Module<Tensor, Tensor, Tensor> generator, Tensor z, Tensor labels) =>
        InEval(generator, () => generator.call(z, labels));

    /// <summary>Runs <paramref name="forward"/> with <paramref name="module"/> in eval mode under no_grad, then restores the mode.</summary>
    public static T InEval<T>(nn.Module module, Func<T> forward)
    {
        bool wasTraining = module.training;
        module.eval();
        try
        {
            using var _ = torch.no_grad();
            return forward();
        }
        finally
        {
            module.train(wasTraining);
        }
    }
}
