namespace GanNotebooks.Oracle.Tests;

/// <summary>Every loss of Losses/ and the gradient penalty against PyTorch: values and gradients to 1e-6.</summary>
public sealed class LossOracleTests(OracleRun oracle)
{
    public static TheoryData<string> Losses => [.. LossCases.Names];
    public static TheoryData<string> Penalties => [.. LossCases.PenaltyNames];

    [Theory, MemberData(nameof(Losses))]
    public void LossAndItsGradientsMatchPyTorch(string name)
    {
        var c = oracle.Get(name);
        Assert.Contains("value", c.Actual.Keys);
        Assert.Contains(c.Actual.Keys, k => k.StartsWith("grad."));
        OracleAssert.AllClose(c, rtol: 1e-6);
    }

    [Theory, MemberData(nameof(Penalties))]
    public void GradientPenaltyAndTheCriticGradientsMatchPyTorch(string name)
    {
        var c = oracle.Get(name);
        Assert.True(c.Actual["value"].ToDouble() > 1e-3, $"{name}: the penalty is {c.Actual["value"].ToDouble()}, too small to test anything.");
        OracleAssert.AllClose(c, rtol: 1e-6);
    }
}
