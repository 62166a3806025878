using TorchSharp;
using static GanNotebooks.Exercises.Exercise;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 05 (conditional GANs): the conditional inputs of G and D.</summary>
public static class Ch05
{
    /// <summary>
    /// Exercise 5.1: the conditional generator's input, z and the one-hot label side by side: [B, Z] ++ [B, K] -> [B, Z + K],
    /// for z [2, 3] and labels [2, 0] with K = 3.
    /// </summary>
    /// <param name="conditionalInput">The student's <c>Tensor ConditionalInput(Tensor z, Tensor labels, int numClasses)</c>.</param>
    public static string CheckConditionalInput(Func<Tensor, Tensor, int, Tensor> conditionalInput)
    {
        const string id = "5.1";
        using var scope = NewDisposeScope();
        var z = T(0.1, -0.2, 0.3, 1.0, 2.0, 3.0).reshape(2, 3);
        var labels = torch.tensor(new long[] { 2, 0 });
        var actual = Call(id, () => conditionalInput(z, labels, 3));
        var expected = T(0.1, -0.2, 0.3, 0, 0, 1, 1.0, 2.0, 3.0, 1, 0, 0).reshape(2, 6);
        string what = "your input for z [2, 3] and labels [2, 0] (K = 3)";
        if (actual is null) throw Wrong(id, $"{what} is null.");
        if (actual.shape.SequenceEqual([4L, 3L]))
            throw Wrong(id, $"{what} has shape [4, 3]: you concatenated along the batch (dim 0); put the one-hot beside z, along dim 1.");
        if (actual.shape.SequenceEqual([2L, 4L]))
            throw Wrong(id, $"{what} has shape [2, 4]: the label must be one-hot, K = 3 numbers (F.one_hot(labels, K)), not one number.");
        if (!actual.shape.SequenceEqual(expected.shape)) throw Wrong(id, $"{what} has shape {Shape(actual)}; expected [2, 6].");
        var a = actual.to_type(ScalarType.Float64).cpu();
        if (a.allclose(expected)) return Correct(id);
        if (a.allclose(torch.cat([expected[.., 3..], expected[.., ..3]], 1)))
            throw Wrong(id, $"{what} puts the one-hot first; put z first, then the one-hot (the order the networks expect).");
        throw Wrong(id, $"{what} is {Rows(a)}; expected {Rows(expected)}.");
    }

    /// <summary>
    /// Exercise 5.2: the conditional discriminator's input for images: K label planes (plane k is all ones for class k)
    /// after the image's channels: [B, C, H, W] ++ [B, K, H, W] -> [B, C + K, H, W], for x [2, 1, 2, 2], labels [1, 0], K = 2.
    /// </summary>
    /// <param name="labelPlanes">The student's <c>Tensor WithLabelPlanes(Tensor x, Tensor labels, int numClasses)</c>.</param>
    public static string CheckLabelPlanes(Func<Tensor, Tensor, int, Tensor> labelPlanes)
    {
        const string id = "5.2";
        using var scope = NewDisposeScope();
        var x = T(Enumerable.Range(1, 8).Select(i => i / 10.0).ToArray()).reshape(2, 1, 2, 2);
        var labels = torch.tensor(new long[] { 1, 0 });
        var actual = Call(id, () => labelPlanes(x, labels, 2));
        var oneHot = T(0, 1, 1, 0).reshape(2, 2, 1, 1).expand(2, 2, 2, 2);
        var expected = torch.cat([x, oneHot], 1);
        string what = "your input for x [2, 1, 2, 2] and labels [1, 0] (K = 2)";
        if (actual is null) throw Wrong(id, $"{what} is null.");
        if (!actual.shape.SequenceEqual(expected.shape))
            throw Wrong(id, $"{what} has shape {Shape(actual)}; expected [2, 3, 2, 2]: the image's channel, then one plane per class, along dim 1.");
        var a = actual.to_type(ScalarType.Float64).cpu();
        if (a.allclose(expected)) return Correct(id);
        if (a.allclose(torch.cat([oneHot, x], 1))) throw Wrong(id, $"{what} puts the label planes first; put the image's channels first.");
        throw Wrong(id, $"{what} is wrong: sample 0 (label 1) should have plane 1 all ones and plane 0 all zeros after its image channel; " +
            $"yours has planes {Rows(a[0].flatten(1))}.");
    }

    static string Rows(Tensor t) =>
        "[" + string.Join(", ", Enumerable.Range(0, (int)t.shape[0]).Select(i => Format(t[i].contiguous().data<double>().ToArray()))) + "]";
}
