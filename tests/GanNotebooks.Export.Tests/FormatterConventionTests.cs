using GanNotebooks.Display;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanNotebooks.Export.Tests;

/// <summary>
/// Our display types, formatted by the real Microsoft.DotNet.Interactive.Formatting (what the Polyglot Notebooks kernel
/// and our runner use), which finds their formatters by convention: the library does not reference it.
/// </summary>
public class FormatterConventionTests
{
    [Fact]
    public void ImageGridFormatsAsBase64PngAndAsHtml()
    {
        var grid = Fixture.Grid;
        string png = grid.ToDisplayString("image/png");
        Assert.Equal(grid.Png, Convert.FromBase64String(png));
        Assert.Contains($"src=\"data:image/png;base64,{png}\"", grid.ToDisplayString("text/html"));
        Assert.Equal(["image/png", "text/html"], Formatter.GetPreferredMimeTypesFor(typeof(ImageGrid)));
    }

    [Fact]
    public void ChartAndSliderFormatAsHtml()
    {
        string chart = Fixture.Chart.ToDisplayString("text/html");
        Assert.Contains("Plotly.newPlot('gn-chart-", chart);
        Assert.Contains("\"y\":[1.2,0.9,0.7,0.65]", chart);
        Assert.Contains("class=\"gn-slider\"", Fixture.Slider.ToDisplayString("text/html"));
        Assert.Equal(["text/html"], Formatter.GetPreferredMimeTypesFor(typeof(ChartView)));
    }

    [Fact]
    public void ProgressAndTableFormatAsHtmlAndText()
    {
        var progress = new TrainingProgress(50, 200, 1, 4, new Dictionary<string, float> { ["lossD"] = 0.5f }, TimeSpan.FromSeconds(10));
        Assert.Equal(progress.ToString(), progress.ToDisplayString("text/plain"));
        Assert.Contains("<progress value=\"50\" max=\"200\"", progress.ToDisplayString("text/html"));
        Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(TrainingProgress)));

        var table = new Table("variant", "FID").Add("DCGAN", 31.5);
        Assert.Equal(table.ToString(), table.ToDisplayString("text/plain"));
        Assert.Equal(table.ToHtml(), table.ToDisplayString("text/html"));
    }
}
