using System.Text.Json.Nodes;
using GanNotebooks.Display;
using GanNotebooks.Training;

namespace GanNotebooks.Tests.Display;

public class HistoryChartsTests
{
    static JsonArray Traces(ChartView chart) => JsonNode.Parse(chart.ToFigureJson())!["data"]!.AsArray();

    static double?[] Numbers(JsonNode? array) => array!.AsArray().Select(v => v?.GetValue<double>()).ToArray();

    static TrainingHistory WganLikeHistory()
    {
        var history = new TrainingHistory();
        history.Add(new StepResult(1, 0.5f, null, 0.25f, -0.25f));          // critic-only steps report no lossG
        history.Add(new StepResult(2, 0.4f, 1.5f, 0.3f, -0.2f));
        history.Add(new StepResult(3, 0.3f, null, 0.35f, -0.15f));
        history.Add(new StepResult(4, 0.2f, 1.25f, 0.4f, -0.1f));
        return history;
    }

    [Fact]
    public void LossChartFromAHistoryDrawsLossGOnlyAtGeneratorUpdates()
    {
        var data = Traces(Charts.Losses(WganLikeHistory()));
        Assert.Equal(new double?[] { 1, 2, 3, 4 }, Numbers(data[0]!["x"]));
        Assert.Equal(new double?[] { 0.5, 0.4, 0.3, 0.2 }, Numbers(data[0]!["y"]));    // widened with the float's digits
        Assert.Equal("lossG", (string)data[1]!["name"]!);
        Assert.Equal(new double?[] { 2, 4 }, Numbers(data[1]!["x"]));
        Assert.Equal(new double?[] { 1.5, 1.25 }, Numbers(data[1]!["y"]));
    }

    [Fact]
    public void LossChartFromAHistoryCarriesTheRunsName()
    {
        static string Title(ChartView chart) => (string)JsonNode.Parse(chart.ToFigureJson())!["layout"]!["title"]!["text"]!;
        Assert.Equal("Losses", Title(Charts.Losses(WganLikeHistory())));
        Assert.Equal("WGAN-GP: losses", Title(Charts.Losses(WganLikeHistory(), title: "WGAN-GP: losses")));
    }

    [Fact]
    public void DiscriminatorChartFromAHistoryHasEveryStep()
    {
        var data = Traces(Charts.DiscriminatorOutputs(WganLikeHistory()));
        Assert.Equal(new double?[] { 0.25, 0.3, 0.35, 0.4 }, Numbers(data[0]!["y"]));
        Assert.Equal(new double?[] { -0.25, -0.2, -0.15, -0.1 }, Numbers(data[1]!["y"]));
    }

    [Fact]
    public void ProgressNumbersLeaveOutWhatTheStepDidNotReport()
    {
        var critic = new StepResult(3, 0.3f, null, 0.35f, -0.15f, GradientPenalty: 0.125f);
        Assert.Equal(["lossD", "D(x)", "D(G(z))", "GP"], critic.Numbers().Keys);
        Assert.Equal(0.125f, critic.Numbers()["GP"]);
        var full = new StepResult(4, 0.2f, 1.25f, 0.4f, -0.1f, Accuracy: 0.5f);
        Assert.Equal(["lossD", "lossG", "D(x)", "D(G(z))", "accuracy"], full.Numbers().Keys);
        Assert.Equal(1.25f, full.Numbers()["lossG"]);
    }
}
