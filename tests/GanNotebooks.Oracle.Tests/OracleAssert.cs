namespace GanNotebooks.Oracle.Tests;

/// <summary>Comparisons of C# tensors with PyTorch's, with messages that say by how much and where.</summary>
static class OracleAssert
{
    /// <summary>Every tensor PyTorch answered (<see cref="OracleCase.Expected"/>) has a twin in the C# answer
    /// (<see cref="OracleCase.Actual"/>) with max |c# − torch| ≤ rtol · max(1, max |torch|) (losses) — or
    /// rtol · max |torch| when <paramref name="unitFloor"/> is false.</summary>
    public static double AllClose(OracleCase c, double rtol, bool unitFloor = true, double atol = 0)
    {
        Assert.Equal(c.Expected.Keys.Order(), c.Actual.Keys.Order());
        double worst = 0;
        foreach (var (key, expected) in c.Expected)
        {
            var actual = c.Actual[key];
            Assert.True(expected.shape.SequenceEqual(actual.shape), $"{c.Name}: {key} is [{string.Join(", ", actual.shape)}] in C#, [{string.Join(", ", expected.shape)}] in PyTorch.");
            using var e = expected.to(ScalarType.Float64);
            using var a = actual.to(ScalarType.Float64);
            double diff = expected.numel() == 0 ? 0 : (a - e).abs().max().ToDouble();
            double scale = expected.numel() == 0 ? 0 : e.abs().max().ToDouble();
            double tol = rtol * (unitFloor ? Math.Max(1, scale) : scale) + atol;
            Assert.True(diff <= tol, $"{c.Name}: {key} differs from PyTorch by {diff:G3} (tolerance {tol:G3}, max |value| {scale:G3}).");
            worst = Math.Max(worst, scale > 0 ? diff / scale : diff);
        }
        return worst;
    }
}
