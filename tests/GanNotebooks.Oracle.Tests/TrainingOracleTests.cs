namespace GanNotebooks.Oracle.Tests;

/// <summary>
/// One run of each trainer variant against the same run in PyTorch (same weights, batches and noise, the papers'
/// optimizer settings): every parameter and batch-norm buffer agrees to 1e-9 of its magnitude after three
/// generator updates
/// (the issue asked for 1e-5; float64 allows far tighter).
/// </summary>
public sealed class TrainingOracleTests(OracleRun oracle, ITestOutputHelper output)
{
    public static TheoryData<string> Variants => [.. TrainingCases.Names];

    [Theory, MemberData(nameof(Variants))]
    public void ParametersAfterTrainingMatchPyTorch(string variant)
    {
        var c = oracle.Get($"train/{variant}");
        // Both networks must have moved, or the comparison would only prove the weights were copied.
        foreach (var net in new[] { "g.", "d." })
        {
            double moved = c.Actual.Where(kv => kv.Key.StartsWith(net, StringComparison.Ordinal) && kv.Value.is_floating_point())
                .Max(kv => (kv.Value - c.Before[kv.Key]).abs().max().ToDouble());
            Assert.True(moved > 1e-6, $"{variant}: the {(net == "g." ? "generator" : "discriminator")} did not train (max change {moved:G3}).");
        }
        // float64 on both sides: measured agreement 1e-16 to 1e-12 relative; 1e-9 leaves room for other CPUs' kernels
        // and is still far below what any broken loss, optimizer setting or schedule changes (1e-4 and more).
        double worst = OracleAssert.AllClose(c, rtol: 1e-9, unitFloor: false, atol: 1e-14);
        output.WriteLine($"{variant}: worst relative difference from PyTorch {worst:G3}");
    }
}
