namespace GanNotebooks.Oracle.Tests;

/// <summary>Every loss of Losses/ and the gradient penalty against PyTorch: values and gradients to 1e-6.</summary>
public sealed class LossOracleTests(OracleRun oracle, ITestOutputHelper output)
{
    public static TheoryData<string> Losses => [.. LossCases.Names];
    public static TheoryData<string> Penalties => [.. LossCases.PenaltyNames];

    [Theory, MemberData(nameof(Losses))]
    public void LossAndItsGradientsMatchPyTorch(string name)
    {
        var c = oracle.Get(name);
        Assert.Contains("value", c.Expected.Keys);
        Assert.Contains(c.Expected.Keys, k => k.StartsWith("grad.", StringComparison.Ordinal));
        output.WriteLine($"{name}: worst relative difference {OracleAssert.AllClose(c, rtol: 1e-6):G3}");
    }

    [Theory, MemberData(nameof(Penalties))]
    public void GradientPenaltyAndTheCriticGradientsMatchPyTorch(string name)
    {
        var c = oracle.Get(name);
        Assert.True(c.Expected["value"].ToDouble() > 1e-3, $"{name}: the penalty is {c.Expected["value"].ToDouble()}, too small to test anything.");
        // float32: the penalty's gradient is a double backward through the convolutions, where libtorch 2.10 and
        // 1.13 round differently (measured 7e-7 relative); float64 agrees to 1e-14.
        double rtol = name.EndsWith("float32", StringComparison.Ordinal) ? 1e-5 : 1e-10;
        output.WriteLine($"{name}: worst relative difference {OracleAssert.AllClose(c, rtol):G3}");
    }
}
