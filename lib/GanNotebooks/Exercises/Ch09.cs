using static GanNotebooks.Exercises.Exercise;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 09 (EMA): the bias-corrected moving average, and one EMA update of weights.</summary>
public static class Ch09
{
    /// <summary>
    /// Exercise 9.1: v_t = β v_{t−1} + (1 − β) x_t from v_0 = 0, reported as v_t / (1 − βᵗ), t = 1, 2, …, for
    /// x = [10, 10, 10, 4] and β = 0.9 (a constant start, so that the corrected average is exactly 10 at first).
    /// </summary>
    /// <param name="ema">The student's <c>double[] BiasCorrectedEma(double[] xs, double beta)</c>, one value per x.</param>
    public static string CheckBiasCorrectedEma(Func<double[], double, double[]> ema)
    {
        const string id = "9.1";
        double[] xs = [10, 10, 10, 4];
        const double beta = 0.9;
        double[] actual = Call(id, () => ema((double[])xs.Clone(), beta)) ?? [];
        double[] expected = Average(xs, beta, correct: t => 1 - Math.Pow(beta, t));
        string what = $"your averages of {Format(xs)} with β = {Format(beta)}";
        if (actual.Length != xs.Length) throw Wrong(id, $"{what} have {actual.Length} values; expected {xs.Length}, one after each x.");
        if (Same(actual, expected)) return Correct(id);
        string hint =
            Same(actual, Average(xs, beta, correct: _ => 1)) ? " — no bias correction: divide v_t by (1 − βᵗ), so that the first values are not pulled toward 0."
            : Same(actual, Average(xs, beta, correct: t => 1 - Math.Pow(beta, t + 1))) ? " — off by one: after the first value t = 1, so divide by 1 − β¹."
            : Same(actual, Average(xs, 1 - beta, correct: t => 1 - Math.Pow(1 - beta, t))) ? " — β and 1 − β are swapped: the old average keeps weight β."
            : ".";
        throw Wrong(id, $"{what} are {Format(actual)}; expected {Format(expected)}{hint}");
    }

    /// <summary>
    /// Exercise 9.2: one EMA step of a weight tensor, θ_EMA ← β θ_EMA + (1 − β) θ, returned as a new tensor, for
    /// θ_EMA = [1, 2], θ = [3, −2] and β = 0.75.
    /// </summary>
    /// <param name="emaStep">The student's <c>Tensor EmaStep(Tensor emaWeight, Tensor weight, double beta)</c>.</param>
    public static string CheckEmaStep(Func<Tensor, Tensor, double, Tensor> emaStep)
    {
        const string id = "9.2";
        double[] ema = [1, 2], weight = [3, -2];
        const double beta = 0.75;
        using var scope = NewDisposeScope();
        var result = Call(id, () => emaStep(T(ema), T(weight), beta));
        string what = $"your step from θ_EMA = {Format(ema)} toward θ = {Format(weight)} with β = {Format(beta)}";
        if (result is null || result.numel() != 2) throw Wrong(id, $"{what} has shape {(result is null ? "null" : Shape(result))}; expected [2].");
        double[] actual = result.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        double[] expected = ema.Zip(weight, (e, w) => beta * e + (1 - beta) * w).ToArray();
        if (Same(actual, expected)) return Correct(id);
        string hint = Same(actual, ema.Zip(weight, (e, w) => (1 - beta) * e + beta * w).ToArray())
            ? " — β and 1 − β are swapped: the average keeps β of itself and takes 1 − β of the live weights." : ".";
        throw Wrong(id, $"{what} is {Format(actual)}; expected {Format(expected)}{hint}");
    }

    /// <summary>
    /// Exercise 9.3: the weight (1 − β)βᵏ that v_t gives the value k steps back, for β = 0.9 and k = 0, 1, 10 (unrolling
    /// the recurrence; the weights over all k sum to 1 − β^t).
    /// </summary>
    /// <param name="weight">The student's <c>double WeightKStepsBack(int k, double beta)</c>.</param>
    public static string CheckWeightKStepsBack(Func<int, double, double> weight)
    {
        const string id = "9.3";
        const double beta = 0.9;
        foreach (int k in (int[])[0, 1, 10])
        {
            double actual = Call(id, () => weight(k, beta));
            double expected = (1 - beta) * Math.Pow(beta, k);
            Expect(id, $"your weight of x_(t−{k}) with β = {Format(beta)}", actual, expected,
                new(Math.Pow(beta, k), "the newest value enters with 1 − β; each step back multiplies by β: (1 − β)βᵏ."),
                new((1 - beta) * Math.Pow(beta, k + 1), "off by one: the newest value (k = 0) has weight 1 − β."),
                new(beta * Math.Pow(1 - beta, k), "β and 1 − β are swapped: old values decay by β per step."));
        }
        return Correct(id, "k = 0, 1 and 10");
    }

    static double[] Average(double[] xs, double beta, Func<int, double> correct)
    {
        double v = 0;
        return xs.Select((x, i) => (v = beta * v + (1 - beta) * x) / correct(i + 1)).ToArray();
    }

    static bool Same(double[] x, double[] y) => x.Length == y.Length && x.Zip(y).All(p => Close(p.First, p.Second));
}
