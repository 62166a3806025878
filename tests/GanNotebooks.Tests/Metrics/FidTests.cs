using GanNotebooks.Metrics;
using MathNet.Numerics.LinearAlgebra;
using static GanNotebooks.Tests.Metrics.MetricsFixtures;

namespace GanNotebooks.Tests.Metrics;

public class FidTests
{
    [Theory]
    [InlineData("fid_a", "fid_b", "fid_a_b")]
    [InlineData("fid_a", "fid_a", "fid_a_a")]
    public void MatchesPytorchFidsScipyComputation(string a, string b, string @case)
    {
        using var x1 = Load(a);
        using var x2 = Load(b);
        var fid = Fid.Compute(x1, x2);
        Close(Get(@case, "meanTerm"), fid.MeanTerm, 1e-9, 1e-12, "‖Δμ‖²");
        Close(Get(@case, "trace1"), fid.TraceSigma1, 1e-9, what: "tr Σ1");
        Close(Get(@case, "trace2"), fid.TraceSigma2, 1e-9, what: "tr Σ2");
        Close(Get(@case, "crossTerm"), fid.CrossTerm, 1e-7, what: "2 tr √(Σ1Σ2)");
        // FID is a difference of terms of size ~100: compare relative to them, not to the (possibly ~0) result.
        Close(Get(@case, "value"), fid.Value, 0, 1e-7 * fid.CrossTerm, "FID");
        Assert.Empty(fid.Warnings);
    }

    [Fact]
    public void SingularCovariancesMatchTheNuclearNormIdentityAndWarn()
    {
        // N < D: both covariances are singular. Expected value from tr √(Σ1Σ2) = ‖A Bᵀ‖_* / √((N1−1)(N2−1)).
        using var x1 = Load("singular_a");
        using var x2 = Load("singular_b");
        var log = new StringWriter();
        var fid = Fid.Compute(x1, x2, new FidOptions(Log: log));
        Close(Get("fid_singular", "crossTerm"), fid.CrossTerm, 1e-7, what: "2 tr √(Σ1Σ2)");
        Close(Get("fid_singular", "value"), fid.Value, 1e-7, what: "FID");
        Assert.Equal(2, fid.Warnings.Count);
        Assert.Contains("N = 20 samples for D = 40", fid.Warnings[0]);
        Assert.Contains("singular", log.ToString());
    }

    [Fact]
    public void DiagonalCovariancesHaveTheClosedForm()
    {
        // Features built so that their *sample* covariances are exactly diagonal, so the closed form
        // FID = ‖μ1 − μ2‖² + Σᵢ (σ1ᵢ + σ2ᵢ − 2 √(σ1ᵢ σ2ᵢ)) holds for the sample statistics, not just in expectation.
        double[] var1 = { 1.0, 4.0, 0.25, 9.0, 2.0 }, var2 = { 2.0, 1.0, 0.25, 16.0, 0.5 };
        double[] mu1 = { 0, 1, 2, 3, 4 }, mu2 = { 1, 1, 0, 3, 5 };
        using var x1 = WithDiagonalSampleCovariance(300, mu1, var1, seed: 1);
        using var x2 = WithDiagonalSampleCovariance(200, mu2, var2, seed: 2);
        double expected = mu1.Zip(mu2, (a, b) => (a - b) * (a - b)).Sum()
            + var1.Zip(var2, (s1, s2) => s1 + s2 - 2 * Math.Sqrt(s1 * s2)).Sum();
        Close(expected, Fid.Compute(x1, x2).Value, 1e-10, what: "closed form");
    }

    [Fact]
    public void EqualCovariancesLeaveOnlyTheMeanTerm()
    {
        using var x1 = Load("fid_b").to(ScalarType.Float64);
        using var shift = torch.linspace(-1, 1, x1.shape[1], dtype: ScalarType.Float64);
        using var x2 = x1 + shift;
        var fid = Fid.Compute(x1, x2);
        Close(shift.square().sum().item<double>(), fid.Value, 1e-9, what: "‖Δμ‖²");
    }

    [Theory]
    [InlineData(64, 1)]
    [InlineData(300, 2)]
    public void CholeskyAndEighRoutesAgreeOnRandomSpdCovariances(int d, int seed)
    {
        // Sample covariances of correlated, unevenly scaled features (N = 3D): positive definite, condition ~1e3.
        using var scope = torch.NewDisposeScope();
        var gen = new torch.Generator((ulong)seed);
        var mix = torch.randn(d, d, dtype: ScalarType.Float64, generator: gen) / Math.Sqrt(d);
        var scale = torch.logspace(-1, 1, d, dtype: ScalarType.Float64);
        var sigma1 = Covariance(torch.randn(3 * d, d, dtype: ScalarType.Float64, generator: gen).mm(mix) * scale);
        var sigma2 = Covariance(torch.randn(3 * d, d, dtype: ScalarType.Float64, generator: gen) * scale.flip(0) + 0.1);
        var auto = Fid.TraceSqrtProduct(sigma1, sigma2, 1e-8, null, Fid.FactorRoute.Auto);
        var chol = Fid.TraceSqrtProduct(sigma1, sigma2, 1e-8, null, Fid.FactorRoute.Cholesky);
        var eigh = Fid.TraceSqrtProduct(sigma1, sigma2, 1e-8, null, Fid.FactorRoute.Eigh);
        Assert.Equal(Fid.FactorRoute.Cholesky, auto.Route);
        Assert.Equal(Fid.FactorRoute.Cholesky, chol.Route);
        Assert.Equal(Fid.FactorRoute.Eigh, eigh.Route);
        Close(eigh.Value, chol.Value, 1e-10, what: "tr √(Σ1Σ2), Cholesky vs eigh");
        Assert.Equal(chol.Value, auto.Value);
    }

    [Fact]
    public void ASingularSigma1FallsBackToEigh()
    {
        // N = 20 < D = 40: Σ1 has rank 19, no Cholesky factor (or one with round-off pivots): the eigh route is used.
        using var x1 = Load("singular_a");
        using var x2 = Load("singular_b");
        using var s1 = FeatureStatistics.FromFeatures(x1);
        using var s2 = FeatureStatistics.FromFeatures(x2);
        var (value, route) = Fid.TraceSqrtProduct(s1.Covariance, s2.Covariance, 1e-8, null, Fid.FactorRoute.Auto);
        Assert.Equal(Fid.FactorRoute.Eigh, route);
        Close(Get("fid_singular", "crossTerm"), 2 * value, 1e-7, what: "2 tr √(Σ1Σ2)");
        Assert.Throws<ArgumentException>(() =>
            Fid.TraceSqrtProduct(s1.Covariance, s2.Covariance, 1e-8, null, Fid.FactorRoute.Cholesky));
    }

    [Fact]
    public void ANonPsdSigma2IsClampedWithAWarningOnTheCholeskyRoute()
    {
        using var sigma1 = torch.eye(2, dtype: ScalarType.Float64);
        using var sigma2 = torch.tensor(new double[] { 1, 0, 0, -0.5 }).reshape(2, 2);
        var warnings = new List<string>();
        var (value, route) = Fid.TraceSqrtProduct(sigma1, sigma2, 1e-8, warnings.Add, Fid.FactorRoute.Auto);
        Assert.Equal(Fid.FactorRoute.Cholesky, route);
        Assert.Equal(1.0, value, 12);                             // √1 + √max(−0.5, 0)
        Assert.Contains(warnings, w => w.Contains("Lᵀ Σ2 L") && w.Contains("-0.5"));
    }

    [Fact]
    public void MathNetStepByStepAgreesWithTheEigenRoute()
    {
        using var x1 = Load("fid_a");
        using var x2 = Load("fid_b");
        var fast = Fid.Compute(x1, x2);
        var slow = FidMathNet.Compute(ToMatrix(x1), ToMatrix(x2));
        Close(fast.Value, slow.Value, 1e-8, what: "FID");
        Close(fast.CrossTerm, slow.CrossTerm, 1e-8, what: "2 tr √(Σ1Σ2)");
        Close(fast.MeanTerm, slow.MeanTerm, 1e-8, what: "‖Δμ‖²");
    }

    [Fact]
    public void MathNetSquareRootsByEvdAndSvdAgreeAndSquareBack()
    {
        using var x = Load("fid_a");
        var m = ToMatrix(x);
        var sigma = FidMathNet.Covariance(m, FidMathNet.Mean(m));
        var root = FidMathNet.SqrtPsd(sigma);
        Assert.True((root * root - sigma).FrobeniusNorm() <= 1e-10 * sigma.FrobeniusNorm());
        Assert.True((root - FidMathNet.SqrtPsdSvd(sigma)).FrobeniusNorm() <= 1e-10 * root.FrobeniusNorm());
    }

    [Theory]
    [InlineData(300, 4)]
    [InlineData(301, 3)]
    public void BlockedGramEqualsThePlainProductAndIsExactlySymmetric(int d, int blocks)
    {
        torch.manual_seed(4);
        using var x = torch.randn(50, d, dtype: ScalarType.Float64);
        using var plain = x.T.mm(x);
        using var blocked = FeatureStatistics.SymmetricGram(x, blocks);
        Assert.True(torch.allclose(plain, blocked, rtol: 1e-12, atol: 1e-12));
        Assert.True(blocked.eq(blocked.T).all().item<bool>());
    }

    [Fact]
    public void PrecomputedStatisticsGiveTheSameFid()
    {
        using var x1 = Load("fid_a");
        using var x2 = Load("fid_b");
        using var s1 = FeatureStatistics.FromFeatures(x1);
        using var s2 = FeatureStatistics.FromFeatures(x2);
        Assert.Equal(400, s1.Count);
        Assert.Equal(48, s1.Dimension);
        Assert.Equal(ScalarType.Float64, s1.Covariance.dtype);
        Assert.Equal(Fid.Compute(x1, x2).Value, Fid.Compute(s1, s2).Value, 12);
    }

    [Fact]
    public void ANonPsdCovarianceIsClampedWithAWarning()
    {
        using var mu = torch.zeros(2, dtype: ScalarType.Float64);
        using var bad = torch.tensor(new double[] { 1, 0, 0, -0.5 }).reshape(2, 2);
        using var good = torch.eye(2, dtype: ScalarType.Float64);
        using var s1 = FeatureStatistics.FromMoments(mu, bad, 100);
        using var s2 = FeatureStatistics.FromMoments(mu, good, 100);
        var fid = Fid.Compute(s1, s2, new FidOptions(Features: "test features"));
        Assert.Contains(fid.Warnings, w => w.Contains("Σ1 has an eigenvalue -0.5"));
        Assert.StartsWith("FID on test features:", fid.ToString());
    }

    [Fact]
    public void OverflowIsRetriedWithEpsThenReportedAsAnError()
    {
        // Σ1 = Σ2 = 1e300·I: the traces are finite, but √Σ1 Σ2 √Σ1 = 1e600·I overflows float64.
        using var mu = torch.zeros(2, dtype: ScalarType.Float64);
        using var huge = torch.eye(2, dtype: ScalarType.Float64) * 1e300;
        using var s1 = FeatureStatistics.FromMoments(mu, huge, 100);
        using var s2 = FeatureStatistics.FromMoments(mu, huge, 100);
        var log = new StringWriter();
        var e = Assert.Throws<InvalidOperationException>(() => Fid.Compute(s1, s2, new FidOptions(Log: log)));
        Assert.Contains("even with 1E-06·I added", e.Message);
        Assert.Contains("retrying", log.ToString());
    }

    [Fact]
    public void BadInputsAreClearErrors()
    {
        using var a = torch.randn(10, 4);
        using var b = torch.randn(10, 5);
        Assert.Contains("different dimensions (D1 = 4, D2 = 5)",
            Assert.Throws<ArgumentException>(() => Fid.Compute(a, b)).Message);
        using var one = torch.randn(1, 4);
        Assert.Contains("1 sample(s)", Assert.Throws<ArgumentException>(() => Fid.Compute(one, a)).Message);
        using var nan = torch.randn(10, 4);
        nan[3, 2] = torch.tensor(float.NaN);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => Fid.Compute(a, nan)).Message);
        using var images = torch.randn(10, 1, 28, 28);
        Assert.Contains("[N, D]", Assert.Throws<ArgumentException>(() => Fid.Compute(images, images)).Message);
    }

    /// <summary>Rows whose sample mean is exactly μ and sample covariance exactly diag(σ²) (up to round-off).</summary>
    static Tensor WithDiagonalSampleCovariance(int n, double[] mu, double[] variance, int seed)
    {
        using var scope = torch.NewDisposeScope();
        var gen = new torch.Generator((ulong)seed);
        var z = torch.randn(n, mu.Length, dtype: ScalarType.Float64, generator: gen);
        var (q, _) = torch.linalg.qr(z - z.mean(new long[] { 0 }));    // orthonormal, zero-mean columns [n, D]
        var x = q * torch.tensor(variance).sqrt() * Math.Sqrt(n - 1) + torch.tensor(mu);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Unbiased sample covariance of rows x [N, D], by numpy.cov's formula.</summary>
    static Tensor Covariance(Tensor x)
    {
        var xc = x - x.mean(new long[] { 0 });
        return xc.T.mm(xc) / (x.shape[0] - 1);
    }

    static Matrix<double> ToMatrix(Tensor x)
    {
        var d = x.to(ScalarType.Float64).data<double>().ToArray();
        int rows = (int)x.shape[0], cols = (int)x.shape[1];
        return Matrix<double>.Build.Dense(rows, cols, (i, j) => d[i * cols + j]);
    }
}
