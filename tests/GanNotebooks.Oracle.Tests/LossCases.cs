using GanNotebooks.Losses;
using GanNotebooks.Models;

namespace GanNotebooks.Oracle.Tests;

/// <summary>
/// Every loss of lib/GanNotebooks/Losses on random scores (with a few large ones, where a naive log σ breaks), in
/// float32 and float64: the C# value and its gradient with respect to each score tensor.
/// </summary>
static class LossCases
{
    static readonly string[] Dtypes = ["float32", "float64"];
    public static readonly string[] Names = [.. Specs().SelectMany(s => Dtypes.Select(d => $"loss/{s.Loss}/{d}"))];
    public static readonly string[] PenaltyNames =
        [.. Dtypes.SelectMany(d => new[] { $"penalty/per-sample/{d}", $"penalty/whole-batch/{d}" })];
    const int B = 6, K = 5;

    sealed record Spec(string Loss, string[] Args, Func<Tensor[], Tensor> Compute);

    static IEnumerable<Spec> Specs() =>
    [
        new("DiscriminatorBce", ["real", "fake"], a => GanLoss.DiscriminatorBce(a[0], a[1])),
        new("GeneratorNonSaturating", ["fake"], a => GanLoss.GeneratorNonSaturating(a[0])),
        new("GeneratorMinimax", ["fake"], a => GanLoss.GeneratorMinimax(a[0])),
        new("DiscriminatorLeastSquares", ["real", "fake"], a => GanLoss.DiscriminatorLeastSquares(a[0], a[1])),
        new("GeneratorLeastSquares", ["fake"], a => GanLoss.GeneratorLeastSquares(a[0])),
        new("Critic", ["real", "fake"], a => WassersteinLoss.Critic(a[0], a[1])),
        new("WassersteinGenerator", ["fake"], a => WassersteinLoss.Generator(a[0])),
        new("SganSupervised", ["logits", "labels"], a => SganLoss.Supervised(a[0], a[1])),
        new("SganUnsupervised", ["logits_real", "logits_fake"], a => SganLoss.UnsupervisedDiscriminator(a[0], a[1])),
        new("SganGenerator", ["logits_fake"], a => SganLoss.Generator(a[0])),
    ];

    public static IEnumerable<OracleCase> All()
    {
        foreach (var spec in Specs())
            foreach (var dtype in Dtypes)
                yield return OracleCase.Build($"loss/{spec.Loss}/{dtype}", () => LossCase(spec, dtype));
        foreach (var dtype in Dtypes)
        {
            yield return OracleCase.Build($"penalty/per-sample/{dtype}", () => PenaltyCase(dtype, wholeBatch: false));
            yield return OracleCase.Build($"penalty/whole-batch/{dtype}", () => PenaltyCase(dtype, wholeBatch: true));
        }
    }

    static OracleCase LossCase(Spec spec, string dtype)
    {
        var type = dtype == "float32" ? ScalarType.Float32 : ScalarType.Float64;
        var gen = new torch.Generator(12, torch.CPU);
        var c = new OracleCase($"loss/{spec.Loss}/{dtype}", "loss", new { loss = spec.Loss, args = spec.Args });
        var args = spec.Args.Select(a => a == "labels"
            ? torch.randint(0, K, [B], dtype: ScalarType.Int64, generator: gen)
            : Scores(a.StartsWith("logits", StringComparison.Ordinal) ? [B, K] : [B], type, gen)).ToArray();
        for (int i = 0; i < args.Length; i++) c.Inputs[spec.Args[i]] = args[i].detach().clone();
        var value = spec.Compute(args);
        value.backward();
        c.Actual["value"] = value.detach();
        for (int i = 0; i < args.Length; i++)
            if (args[i].is_floating_point()) c.Actual[$"grad.{spec.Args[i]}"] = args[i].grad!.detach().clone();
        return c;
    }

    /// <summary>N(0, 3²) scores with the first row set to ±20: σ(±20) rounds to 1 or 0 in float32.</summary>
    static Tensor Scores(long[] shape, ScalarType type, torch.Generator gen)
    {
        var s = torch.randn(shape, dtype: type, generator: gen) * 3;
        s[0] = s[0].sign() * 20;
        return s.requires_grad_(true);
    }

    /// <summary>
    /// The WGAN-GP penalty of a small layer-norm critic at given ε: its value and its gradient with respect to
    /// every critic parameter (the penalty trains the critic through create_graph).
    /// </summary>
    static OracleCase PenaltyCase(string dtype, bool wholeBatch)
    {
        var type = dtype == "float32" ? ScalarType.Float32 : ScalarType.Float64;
        torch.manual_seed(5);
        using var critic = new WganCritic(new WganCriticConfig(Features: 4, ImageSize: 28, Norm: CriticNorm.LayerNorm));
        critic.to(type);
        var gen = new torch.Generator(13, torch.CPU);
        var xReal = torch.rand([B, 1, 28, 28], dtype: type, generator: gen) * 2 - 1;
        var xFake = torch.rand([B, 1, 28, 28], dtype: type, generator: gen) * 2 - 1;
        var eps = torch.rand([B], dtype: type, generator: gen);
        var c = new OracleCase($"penalty/{(wholeBatch ? "whole-batch" : "per-sample")}/{dtype}", "penalty",
            new { dtype, critic = NetworkSpec.Of(critic), lambda = 10.0, whole_batch = wholeBatch });
        foreach (var (k, v) in critic.state_dict()) c.Inputs[$"critic.{k}"] = v.detach().clone();
        c.Inputs["x_real"] = xReal;
        c.Inputs["x_fake"] = xFake;
        c.Inputs["eps"] = eps;
        var gp = wholeBatch
            ? WassersteinLoss.WrongGradientPenaltyWholeBatch(x => critic.call(x), xReal, xFake, 10.0, eps)
            : WassersteinLoss.GradientPenalty(x => critic.call(x), xReal, xFake, 10.0, eps);
        gp.backward();
        c.Actual["value"] = gp.detach();
        foreach (var (k, p) in critic.named_parameters()) c.Actual[$"grad.{k}"] = p.grad!.detach().clone();
        return c;
    }
}
