using System.Text.Json;

namespace GanNotebooks.Tests.Metrics;

/// <summary>Reads TestData/metrics: float32 matrices written by make_fixtures.py and the NumPy/SciPy expected values.</summary>
static class MetricsFixtures
{
    static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "TestData", "metrics");

    public static JsonElement Expected { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "expected.json"))).RootElement;

    /// <summary>The matrix <paramref name="name"/> as a float32 tensor [rows, cols].</summary>
    public static Tensor Load(string name)
    {
        var shape = Expected.GetProperty("shapes").GetProperty(name).EnumerateArray().Select(e => e.GetInt64()).ToArray();
        byte[] bytes = File.ReadAllBytes(Path.Combine(Dir, name + ".f32"));
        Assert.Equal(shape[0] * shape[1] * 4, bytes.Length);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);   // little-endian, as written
        return torch.tensor(values).reshape(shape);
    }

    public static double Get(string @case, string field) => Expected.GetProperty(@case).GetProperty(field).GetDouble();

    /// <summary>|actual − expected| ≤ rel·|expected| + abs.</summary>
    public static void Close(double expected, double actual, double rel, double abs = 0, string what = "")
    {
        double tol = rel * Math.Abs(expected) + abs;
        Assert.True(Math.Abs(actual - expected) <= tol,
            $"{what}: expected {expected:R}, got {actual:R} (difference {actual - expected:G3}, tolerance {tol:G3})");
    }
}
