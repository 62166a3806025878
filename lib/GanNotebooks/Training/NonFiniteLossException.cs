namespace GanNotebooks.Training;

/// <summary>A loss became NaN or infinite: training diverged (or the data holds NaN). Taught in notebook 01.</summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception; the message says which quantity, where, and what to try.</summary>
    public NonFiniteLossException(string lossName, float value, long firstStep, long lastStep, string hint)
        : base(Describe(lossName, value, firstStep, lastStep, hint))
    {
        LossName = lossName;
        Value = value;
        Step = lastStep;
    }

    /// <summary>The quantity that was not finite: "LossD", "LossG", "GradientPenalty", "DReal" or "DFake".</summary>
    public string LossName { get; }
    /// <summary>Its value (NaN, +∞ or −∞).</summary>
    public float Value { get; }
    /// <summary>The (last) step at which it was read.</summary>
    public long Step { get; }

    static string Describe(string name, float value, long first, long last, string hint)
    {
        string where = first == last ? $"at step {last}" : $"in steps {first}..{last} (read together)";
        return $"{name} is {value} {where}: training diverged. Try: a lower learning rate (e.g. half the current one); " +
               "check that the real images are scaled to [-1, 1] like the generator's tanh output and contain no NaN; " +
               $"{hint}The parameters may now hold NaN: reload the last checkpoint before training on.";
    }
}
