using static GanNotebooks.Exercises.Exercise;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 02 (DCGAN): a transposed convolution's output size, and slerp.</summary>
public static class Ch02
{
    /// <summary>The cases of <see cref="CheckConvTransposeOutputSize"/>: (H_in, k, s, p, output_padding).</summary>
    public static readonly IReadOnlyList<(int HIn, int Kernel, int Stride, int Padding, int OutputPadding)> SizeCases =
        [(1, 4, 1, 0, 0), (4, 4, 2, 1, 0), (7, 4, 2, 1, 0), (5, 3, 2, 1, 1), (3, 5, 3, 2, 0)];

    /// <summary>
    /// Exercise 2.1: H_out = (H_in − 1)·s − 2p + k + output_padding, on <see cref="SizeCases"/> (the generator's
    /// 1 → 4 → 8 steps, and odd sizes where the usual mistakes differ).
    /// </summary>
    /// <param name="outputSize">The student's <c>int ConvTransposeOutputSize(int hIn, int kernelSize, int stride, int padding, int outputPadding)</c>.</param>
    public static string CheckConvTransposeOutputSize(Func<int, int, int, int, int, int> outputSize)
    {
        const string id = "2.1";
        foreach (var (h, k, s, p, op) in SizeCases)
        {
            int actual = Call(id, () => outputSize(h, k, s, p, op));
            int expected = (h - 1) * s - 2 * p + k + op;
            Expect(id, $"your output size for H_in = {h}, k = {k}, s = {s}, p = {p}, output_padding = {op}", actual, expected,
                new((h + 2 * p - k) / s + 1, "that is the output size of an ordinary (strided) convolution, which shrinks; a transposed one grows the image."),
                new(h * s, "H_in·s is only right for some k and p: each of the H_in inputs places a k-wide copy of the kernel, s apart."),
                new((h - 1) * s + k + op, "did you forget the padding? It removes p rows at each end: −2p."),
                new((h - 1) * s - p + k + op, "padding removes p at both ends: −2p, not −p."),
                new((h - 1) * s - 2 * p + k, "did you forget output_padding? It adds that many rows at one end."));
        }
        return Correct(id, $"{SizeCases.Count} cases");
    }

    /// <summary>
    /// Exercise 2.2: spherical interpolation z(t) = sin((1 − t)Ω)/sin Ω · z0 + sin(tΩ)/sin Ω · z1, cos Ω = z0·z1/(‖z0‖‖z1‖),
    /// for z0 = [3, 0], z1 = [0, 3] (Ω = 90°) at t = 1/3, and for z0 = [1, 1], z1 = [−1, 2] at t = 0.5.
    /// </summary>
    /// <param name="slerp">The student's <c>Tensor Slerp(Tensor z0, Tensor z1, double t)</c>, returning [Z].</param>
    public static string CheckSlerp(Func<Tensor, Tensor, double, Tensor> slerp)
    {
        const string id = "2.2";
        foreach (var (a, b, t) in new (double[], double[], double)[] { ([3, 0], [0, 3], 1.0 / 3), ([1, 1], [-1, 2], 0.5) })
        {
            using var scope = NewDisposeScope();
            var result = Call(id, () => slerp(T(a), T(b), t));
            string what = $"your slerp of z0 = {Format(a)}, z1 = {Format(b)} at t = {Format(t)}";
            if (result is null || result.numel() != a.Length)
                throw Wrong(id, $"{what} has shape {(result is null ? "null" : Shape(result))}; expected [{a.Length}], one vector.");
            double[] actual = result.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            double omega = Math.Acos(Dot(a, b) / Math.Sqrt(Dot(a, a) * Dot(b, b)));
            double[] expected = Mix(a, b, Math.Sin((1 - t) * omega) / Math.Sin(omega), Math.Sin(t * omega) / Math.Sin(omega));
            if (Same(actual, expected)) continue;
            string hint = Same(actual, Mix(a, b, 1 - t, t)) ? " — that is lerp, the straight line; slerp follows the arc (its weights are sines of angles)."
                : Same(actual, Mix(a, b, Math.Sin(t * omega) / Math.Sin(omega), Math.Sin((1 - t) * omega) / Math.Sin(omega))) ? " — z0 and z1 are swapped: at t = 0 slerp must give z0."
                : ".";
            throw Wrong(id, $"{what} is {Format(actual)}; expected {Format(expected)}{hint}");
        }
        return Correct(id);
    }

    /// <summary>
    /// The cases of <see cref="CheckConvOutputSize"/>: (H_in, k, s, p). First a "same" convolution with p = 2, where a
    /// dropped padding and a dropped + 1 give different sizes (with D's k = 4, s = 2, p = 1 they coincide), then D's
    /// 28 → 14 → 7 → 3 steps and a 7 → 4.
    /// </summary>
    public static readonly IReadOnlyList<(int HIn, int Kernel, int Stride, int Padding)> ConvSizeCases =
        [(8, 5, 1, 2), (28, 4, 2, 1), (14, 4, 2, 1), (7, 4, 2, 1), (7, 3, 2, 1)];

    /// <summary>
    /// Exercise 2.3: the discriminator's strided convolution shrinks the image to H_out = ⌊(H_in + 2p − k)/s⌋ + 1, on
    /// <see cref="ConvSizeCases"/> (odd sizes, where the floor matters).
    /// </summary>
    /// <param name="outputSize">The student's <c>int ConvOutputSize(int hIn, int kernelSize, int stride, int padding)</c>.</param>
    public static string CheckConvOutputSize(Func<int, int, int, int, int> outputSize)
    {
        const string id = "2.3";
        foreach (var (h, k, s, p) in ConvSizeCases)
        {
            int actual = Call(id, () => outputSize(h, k, s, p));
            int expected = (h + 2 * p - k) / s + 1;                       // non-negative numerator: integer division floors
            Expect(id, $"your output size for H_in = {h}, k = {k}, s = {s}, p = {p}", actual, expected,
                new((int)Math.Ceiling((h + 2.0 * p - k) / s) + 1, "round down, not up: a window that does not fit at the end is not computed."),
                new((h + 2 * p - k) / s, "did you forget the + 1? The first window position counts too."),
                new((h - k) / s + 1, "did you forget the padding? It adds p pixels at each end: + 2p."),
                new((h - 1) * s - 2 * p + k, "that is the transposed convolution's size (exercise 2.1); an ordinary strided one shrinks."));
        }
        return Correct(id, $"{ConvSizeCases.Count} cases");
    }

    static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    static double[] Mix(double[] a, double[] b, double wa, double wb) => a.Zip(b, (x, y) => wa * x + wb * y).ToArray();

    static bool Same(double[] x, double[] y) => x.Length == y.Length && x.Zip(y).All(p => Close(p.First, p.Second));
}
