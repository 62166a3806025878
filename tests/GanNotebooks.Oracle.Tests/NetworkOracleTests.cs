namespace GanNotebooks.Oracle.Tests;

/// <summary>The "PyTorch field names" promise and the initialisation, checked against PyTorch's own modules.</summary>
public sealed class NetworkOracleTests(OracleRun oracle, ITestOutputHelper output)
{
    public static TheoryData<string> KeyNetworks => [.. NetworkCases.KeyNames];
    public static TheoryData<string> Networks => [.. NetworkCases.Networks.Keys];

    [Theory, MemberData(nameof(KeyNetworks))]
    public void StateDictLoadsIntoThePyTorchModuleByName(string name)
    {
        var c = oracle.Get($"keys/{name}");
        string Keys(string p) => string.Join(", ", c.Info.GetProperty(p).EnumerateArray().Select(e => e.GetString()));
        Assert.True(Keys("missing") == "", $"{name}: PyTorch's module has keys the C# state dict lacks: {Keys("missing")}");
        Assert.True(Keys("unexpected") == "", $"{name}: the C# state dict has keys PyTorch's module lacks: {Keys("unexpected")}");
        Assert.True(Keys("shape_mismatch") == "", $"{name}: these keys have other shapes in PyTorch: {Keys("shape_mismatch")}");
        Assert.Equal(c.Info.GetProperty("torch_keys").GetArrayLength(), c.Inputs.Keys.Count(k => k.StartsWith("sd.", StringComparison.Ordinal)));
        OracleAssert.AllClose(c, rtol: 1e-9, unitFloor: true);   // same weights, same function (eval mode)
    }

    /// <summary>
    /// A fresh C# network against a fresh PyTorch twin (different random numbers, same distributions): for every
    /// state-dict entry the two-sample Kolmogorov–Smirnov statistic D = max |F_c#(v) − F_torch(v)| stays below
    /// its α = 1e-6 critical value c(α)·√((n + m)/(n m)), c = √(−ln(α/2)/2) ≈ 2.69. Constant tensors (biases at
    /// 0, batch-norm buffers) must agree exactly (D = 0 then). Both sides are seeded, so the outcome is fixed.
    /// </summary>
    [Theory, MemberData(nameof(Networks))]
    public void InitialisationIsDistributedLikePyTorch(string name)
    {
        var c = oracle.Get($"init/{name}");
        Assert.Equal(c.Expected.Keys.Order(), c.Actual.Keys.Order());
        foreach (var (key, expected) in c.Expected)
        {
            var x = Values(c.Actual[key]);     // C#
            var y = Values(expected);          // PyTorch
            double d = KolmogorovSmirnov(x, y);
            double critical = 2.69 * Math.Sqrt((double)(x.Length + y.Length) / ((double)x.Length * y.Length));
            output.WriteLine($"{key}: n = {x.Length}, D = {d:F4}, critical {critical:F4}");
            Assert.True(d <= critical, $"{name}.{key}: its initial values are not distributed like PyTorch's " +
                $"(KS D = {d:F4} > {critical:F4}; C# mean {x.Average():G4}, std {Std(x):G4}; PyTorch mean {y.Average():G4}, std {Std(y):G4}).");
        }
    }

    static double[] Values(Tensor t)
    {
        using var d = t.to(ScalarType.Float64).flatten();
        var v = d.data<double>().ToArray();
        Array.Sort(v);
        return v;
    }

    /// <summary>D = sup_v |F_x(v) − F_y(v)| over the sorted samples x and y (empirical CDFs).</summary>
    static double KolmogorovSmirnov(double[] x, double[] y)
    {
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v) i++;
            while (j < y.Length && y[j] <= v) j++;
            d = Math.Max(d, Math.Abs((double)i / x.Length - (double)j / y.Length));
        }
        return d;
    }

    static double Std(double[] v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(a => (a - m) * (a - m)) / v.Length);
    }
}
