using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.Display;

namespace GanNotebooks.Tests.Display;

public class ChartsTests
{
    static JsonNode Figure(ChartView chart) => JsonNode.Parse(chart.ToFigureJson())!;

    static double?[] Numbers(JsonNode? array) => array!.AsArray().Select(v => v?.GetValue<double>()).ToArray();

    [Fact]
    public void LossChartCarriesStepsAndBothLossesWithTheirDigits()
    {
        var chart = Charts.Losses([0, 10, 20], [0.612f, 0.5f, 0.45f], [1.384f, 1.2f, float.NaN]);
        var data = Figure(chart)["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.Equal("lossD", (string)data[0]!["name"]!);
        Assert.Equal(new double?[] { 0, 10, 20 }, Numbers(data[0]!["x"]));
        Assert.Equal(new double?[] { 0.612, 0.5, 0.45 }, Numbers(data[0]!["y"]));
        Assert.Equal(new double?[] { 1.384, 1.2, null }, Numbers(data[1]!["y"]));     // NaN → null: a gap, valid JSON
        Assert.Contains("0.612,", chart.ToHtml());
    }

    [Fact]
    public void SmoothedLossChartDrawsFaintRawCurvesUnderSmoothedOnes()
    {
        var chart = Charts.Losses([0, 1, 2], [1f, 2f, 3f], [3f, 3f, 3f], Smoothing.Ema(0.5));
        var data = Figure(chart)["data"]!.AsArray();
        Assert.Equal(["lossD (raw)", "lossD (EMA 0.5)", "lossG (raw)", "lossG (EMA 0.5)"], data.Select(t => (string)t!["name"]!));
        Assert.Equal([false, true, false, true], data.Select(t => (bool)t!["showlegend"]!));
        Assert.Equal(0.3, (double)data[0]!["opacity"]!);
        var smoothed = Numbers(data[1]!["y"]);
        Assert.Equal([1.0, 5.0 / 3, 17.0 / 7], smoothed.Select(v => v!.Value), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void DiscriminatorChartHasAGuideAtOneHalf()
    {
        var figure = Figure(Charts.DiscriminatorOutputs([1, 2], [0.9f, 0.7f], [0.1f, 0.3f]));
        Assert.Equal(["D(x)", "D(G(z))"], figure["data"]!.AsArray().Select(t => (string)t!["name"]!));
        var shape = figure["layout"]!["shapes"]![0]!;
        Assert.Equal((0.5, 0.5), ((double)shape["y0"]!, (double)shape["y1"]!));
    }

    [Fact]
    public void BarsAndHeatmapHoldTheirValues()
    {
        var bars = Figure(Charts.Bars("FID by variant", "FID", ["DCGAN", "WGAN-GP"], Series.Of("FID", [31.25, 24.5]), Series.Of("KID", [0.03, 0.02])));
        Assert.Equal("group", (string)bars["layout"]!["barmode"]!);
        Assert.Equal(["DCGAN", "WGAN-GP"], bars["data"]![0]!["x"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(new double?[] { 31.25, 24.5 }, Numbers(bars["data"]![0]!["y"]));

        var heat = Figure(Charts.Heatmap("V(D, G)", new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, x: [0, 0.5, 1], y: [0, 1]));
        var z = heat["data"]![0]!["z"]!.AsArray();
        Assert.Equal(new double?[] { 4, 5, 6 }, Numbers(z[1]));           // z[row][column]
        Assert.Equal(new double?[] { 0, 0.5, 1 }, Numbers(heat["data"]![0]!["x"]));
    }

    [Fact]
    public void LinesDefaultToIndexPositions()
    {
        var figure = Figure(Charts.Lines("Entropy", "p", "H(p) in bits", Series.Of("H", [0.0, 1.0, 0.0])));
        Assert.Equal(new double?[] { 0, 1, 2 }, Numbers(figure["data"]![0]!["x"]));
        Assert.Equal("H(p) in bits", (string)figure["layout"]!["yaxis"]!["title"]!["text"]!);
    }

    [Fact]
    public void MismatchedLengthsAreClearErrors()
    {
        Assert.Contains("'lossD' has 3 steps (x values) but 2 values", Assert.Throws<ArgumentException>(() => Charts.Losses([1, 2, 3], [1f, 2f], [1f, 2f, 3f])).Message);
        Assert.Contains("2 values for 3 categories", Assert.Throws<ArgumentException>(() => Charts.Bars("t", "y", ["a", "b", "c"], Series.Of("s", [1.0, 2.0]))).Message);
        Assert.Contains("x has 2 values for 3 columns", Assert.Throws<ArgumentException>(() => Charts.Heatmap("t", new double[2, 3], x: [1, 2])).Message);
        Assert.Throws<ArgumentException>(() => Charts.Lines("t", "x", "y"));
    }

    [Fact]
    public void HtmlDrawsTheFigureIntoItsOwnDivAndCanLoadPlotlyFromTheCdn()
    {
        var chart = Charts.Lines("</script><b>bold</b>", "x", "y", Series.Of("s", [1.0, 2.0]));
        string html = chart.ToHtml();
        string id = Regex.Match(html, "<div id=\"(gn-chart-[0-9a-f]{32})\"").Groups[1].Value;
        Assert.Contains($"Plotly.newPlot('{id}', figure.data", html);
        // the figure in the script is the chart's figure, and a title cannot close the script element
        string embedded = Regex.Match(html, @"var figure = (.*);\n").Groups[1].Value;
        Assert.True(JsonNode.DeepEquals(Figure(chart), JsonNode.Parse(embedded)));
        Assert.DoesNotContain("</script><b>", html);
        Assert.Single(Regex.Matches(html, "</script>"));
        Assert.Contains($"'https://cdn.plot.ly/plotly-{ChartView.PlotlyJsVersion}.min.js'", html);
        Assert.NotEqual(Regex.Match(html, "gn-chart-[0-9a-f]{32}").Value, Regex.Match(chart.ToHtml(), "gn-chart-[0-9a-f]{32}").Value);
    }

    [Fact]
    public void ScatterDrawsMarkersAtTheGivenPoints()
    {
        var figure = Figure(Charts.Scatter("Samples", "x1", "x2", Series.Of("G(z)", [0.5, -1.0], x: [2.0, 3.0])));
        var trace = figure["data"]![0]!;
        Assert.Equal(("scatter", "markers"), ((string)trace["type"]!, (string)trace["mode"]!));
        Assert.Equal(new double?[] { 2, 3 }, Numbers(trace["x"]));
        Assert.Equal(new double?[] { 0.5, -1 }, Numbers(trace["y"]));
    }

    [Fact]
    public void AnyPlotlyFigureJsonBecomesAChart()
    {
        var chart = new ChartView("""{"data":[{"type":"pie","values":[1,2]}]}""");
        Assert.Equal("Plotly chart with 1 trace(s)", chart.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"data":[{"type":"pie","values":[1,2]}],"layout":{}}"""), Figure(chart)));
        Assert.Contains("not valid JSON", Assert.Throws<ArgumentException>(() => new ChartView("{data:")).Message);
        Assert.Contains("\"data\" array", Assert.Throws<ArgumentException>(() => new ChartView("""{"layout":{}}""")).Message);
        Assert.Contains("needs a \"type\"", Assert.Throws<ArgumentException>(() => new GanNotebooks.Display.Figure().AddTrace([])).Message);
    }

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double v) => 0;
    }
}

public class SmoothingTests
{
    [Fact]
    public void MovingAverageIsATrailingMeanThatStartsShort()
    {
        // window 2 over [1, 3, 5, 7]: 1, (1+3)/2, (3+5)/2, (5+7)/2
        Assert.Equal([1.0, 2.0, 4.0, 6.0], Smoothing.MovingAverage(2).Apply([1, 3, 5, 7]));
        Assert.Equal([1.0, 3.0, 5.0, 7.0], Smoothing.MovingAverage(1).Apply([1, 3, 5, 7]));
    }

    [Fact]
    public void EmaIsBiasCorrected()
    {
        // β = 0.5 over [1, 2, 3]: m = 0.5, 1.25, 2.125; divided by 1 - β^t = 0.5, 0.75, 0.875
        var s = Smoothing.Ema(0.5).Apply([1, 2, 3]);
        Assert.Equal(1.0, s[0], 12);
        Assert.Equal(1.25 / 0.75, s[1], 12);
        Assert.Equal(2.125 / 0.875, s[2], 12);
        Assert.Equal([4.0, 4.0, 4.0], Smoothing.Ema(0.9).Apply([4, 4, 4]).Select(v => Math.Round(v, 12)));   // a constant stays put
    }

    [Fact]
    public void BadParametersAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Smoothing.MovingAverage(0));
        Assert.Throws<ArgumentException>(() => Smoothing.Ema(1.0));
        Assert.Throws<ArgumentException>(() => Smoothing.Ema(-0.1));
    }
}
