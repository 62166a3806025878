using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>A wrong answer students often give, and what to tell them when theirs equals it.</summary>
/// <param name="Value">The value that mistake produces for the check's input.</param>
/// <param name="Hint">What the mistake likely is, as a question ("did you drop the ½?").</param>
public readonly record struct Mistake(double Value, string Hint);

/// <summary>
/// What every check of <c>GanNotebooks.Exercises</c> does: call the student's code (a stub that still throws
/// <see cref="NotImplementedException"/> means "not done yet"), compare its answer with one computed independently,
/// name the likely mistake when it is wrong (<see cref="ExerciseException"/>), and print "✓ Exercise 3.2 correct"
/// when it is right.
/// </summary>
public static class Exercise
{
    /// <summary>Absolute and relative tolerance of <see cref="Close"/>.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>
    /// Calls the student's code for exercise <paramref name="id"/>. A <see cref="NotImplementedException"/> (the
    /// student edition's stub) becomes "not done yet — Exercise 3.2: …"; any other exception becomes a wrong answer
    /// that names it.
    /// </summary>
    /// <exception cref="ExerciseException">The code is not written yet, or it threw.</exception>
    public static T Call<T>(string id, Func<T> studentCode)
    {
        try
        {
            return studentCode();
        }
        catch (NotImplementedException e)
        {
            string what = e.Message.StartsWith($"Exercise {id}:", StringComparison.Ordinal) ? e.Message[$"Exercise {id}:".Length..].Trim() : "";
            throw new ExerciseException(id, $"not done yet — Exercise {id}{(what.Length > 0 ? ": " + what : "")}. " +
                "Replace the `throw` in the exercise's cell with your code, run that cell, then run this check again.", notDone: true);
        }
        catch (ExerciseException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw Wrong(id, $"your code threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Prints and returns "✓ Exercise <paramref name="id"/> correct" (and <paramref name="note"/>, if any).</summary>
    public static string Correct(string id, string? note = null)
    {
        string line = $"✓ Exercise {id} correct" + (note is null ? "" : $": {note}");
        Console.WriteLine(line);
        return line;
    }

    /// <summary>The verdict "✗ Exercise 3.2: <paramref name="message"/>", to throw.</summary>
    public static ExerciseException Wrong(string id, string message) => new(id, $"✗ Exercise {id}: {message}", notDone: false);

    /// <summary>Whether two numbers agree within <see cref="Tolerance"/> (absolute or relative). NaN agrees with nothing.</summary>
    public static bool Close(double actual, double expected) =>
        actual == expected || Math.Abs(actual - expected) <= Tolerance * Math.Max(1, Math.Abs(expected));

    /// <summary>
    /// Passes when <paramref name="actual"/> is close to <paramref name="expected"/>; otherwise throws
    /// "<paramref name="what"/> is 0.325; expected 0.1625 — did you drop the ½?", naming the first of
    /// <paramref name="mistakes"/> whose value the answer equals.
    /// </summary>
    /// <exception cref="ExerciseException">The answer is not close to the expected value.</exception>
    public static void Expect(string id, string what, double actual, double expected, params Mistake[] mistakes)
    {
        if (Close(actual, expected)) return;
        var hint = mistakes.FirstOrDefault(m => Close(actual, m.Value) && !Close(m.Value, expected));
        throw Wrong(id, $"{what} is {Format(actual)}; expected {Format(expected)}" + (hint.Hint is null ? "." : $" — {hint.Hint}"));
    }

    /// <summary>The one number in <paramref name="loss"/>; a tensor of more numbers is a wrong answer ("did you forget .mean()?").</summary>
    /// <exception cref="ExerciseException">Null, or not a single number.</exception>
    public static double Scalar(string id, string what, Tensor? loss)
    {
        if (loss is null) throw Wrong(id, $"{what} is null; return a tensor.");
        if (loss.numel() != 1)
            throw Wrong(id, $"{what} has shape {Shape(loss)}; a loss is one number: did you forget to average over the batch (.mean())?");
        return loss.to_type(ScalarType.Float64).cpu().item<double>();
    }

    /// <summary>A number as the checks print it: up to 4 decimals, invariant culture ("0.1625", "NaN", "∞").</summary>
    public static string Format(double x) =>
        double.IsNaN(x) ? "NaN" : double.IsPositiveInfinity(x) ? "∞" : double.IsNegativeInfinity(x) ? "−∞"
        : x.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Numbers as a list: "[0.2, 0.9]".</summary>
    public static string Format(IEnumerable<double> xs) => "[" + string.Join(", ", xs.Select(Format)) + "]";

    /// <summary>A tensor's shape as "[2, 6]".</summary>
    public static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

    /// <summary>A float64 CPU tensor of <paramref name="values"/> (the checks' inputs are this small).</summary>
    internal static Tensor T(params double[] values) => torch.tensor(values, dtype: ScalarType.Float64);

    /// <summary>Softplus log(1 + eˣ) in doubles, stable for large |x|.</summary>
    internal static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    /// <summary>log Σ exp(xᵢ) in doubles.</summary>
    internal static double LogSumExp(IEnumerable<double> xs)
    {
        double max = xs.Max();
        return max + Math.Log(xs.Sum(x => Math.Exp(x - max)));
    }
}
