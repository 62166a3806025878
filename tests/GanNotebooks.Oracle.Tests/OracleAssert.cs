namespace GanNotebooks.Oracle.Tests;

/// <summary>Comparisons of C# tensors with PyTorch's, with messages that say by how much and where.</summary>
static class OracleAssert
{
    /// <summary>Every tensor of <paramref name="expected"/> has a twin in <paramref name="actual"/> with
    /// max |c# − torch| ≤ rtol · max(1, max |torch|) (losses) — or rtol · max |torch| when <paramref name="unitFloor"/> is false.</summary>
    public static double AllClose(OracleCase c, double rtol, bool unitFloor = true, double atol = 0)
    {
        Assert.Equal(c.Expected.Keys.Order(), c.Actual.Keys.Order());
        double worst = 0;
        foreach (var (key, e) in c.Expected)
        {
            var a = c.Actual[key];
            Assert.True(e.shape.SequenceEqual(a.shape), $"{c.Name}: {key} is [{string.Join(", ", e.shape)}] in C#, [{string.Join(", ", a.shape)}] in PyTorch.");
            using var ed = e.to(ScalarType.Float64);
            using var ad = a.to(ScalarType.Float64);
            double diff = e.numel() == 0 ? 0 : (ed - ad).abs().max().ToDouble();
            double scale = a.numel() == 0 ? 0 : ad.abs().max().ToDouble();
            double tol = rtol * (unitFloor ? Math.Max(1, scale) : scale) + atol;
            Assert.True(diff <= tol, $"{c.Name}: {key} differs from PyTorch by {diff:G3} (tolerance {tol:G3}, max |value| {scale:G3}).");
            worst = Math.Max(worst, scale > 0 ? diff / scale : diff);
        }
        return worst;
    }
}
