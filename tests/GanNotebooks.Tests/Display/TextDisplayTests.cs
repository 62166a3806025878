using System.Text.RegularExpressions;
using GanNotebooks.Display;

namespace GanNotebooks.Tests.Display;

public class TrainingProgressTests
{
    static TrainingProgress At(int step, double seconds) =>
        new(step, 4680, 3, 10, new Dictionary<string, float> { ["lossD"] = 0.612f, ["lossG"] = 1.384f }, TimeSpan.FromSeconds(seconds));

    [Fact]
    public void ReadsAsOneLineWithEta()
    {
        // ETA = 12.4 s · (4680 − 1200) / 1200 = 35.96 s
        Assert.Equal("step 1200/4680  epoch 3/10  lossD 0.612  lossG 1.384  12.4 s elapsed, ETA 36 s", At(1200, 12.4).ToString());
        Assert.Equal(35.96, At(1200, 12.4).Eta!.Value.TotalSeconds, 6);
    }

    [Fact]
    public void BeforeTheFirstStepTheEtaIsUnknownAndEpochsAreOptional()
    {
        var p = new TrainingProgress(0, 100, 0, 0, new Dictionary<string, float>(), TimeSpan.Zero);
        Assert.Equal("step 0/100  0.0 s elapsed, ETA unknown", p.ToString());
        Assert.Null(p.Eta);
    }

    // By hand: tenths under a minute (59.94 → 59.9, but 59.96 rounds to 60.0, a minute); whole seconds round half away
    // from zero (36.5 → 37); 3599.6 s rounds to 3600 s = 1 h; 3725 s = 62 min 05 s → 1 h 02 min; 3890 s = 64 min 50 s
    // → 65 min → 1 h 05 min (half a minute rounds up).
    [Theory]
    [InlineData(12.44, true, "12.4 s")]
    [InlineData(59.94, true, "59.9 s")]
    [InlineData(59.96, true, "1 min 00 s")]
    [InlineData(36.4, false, "36 s")]
    [InlineData(36.5, false, "37 s")]
    [InlineData(125, false, "2 min 05 s")]
    [InlineData(125, true, "2 min 05 s")]
    [InlineData(3599.6, true, "1 h 00 min")]
    [InlineData(3725, false, "1 h 02 min")]
    [InlineData(3890, true, "1 h 05 min")]
    [InlineData(3869, true, "1 h 04 min")]
    [InlineData(-3, false, "0 s")]
    [InlineData(-3, true, "0.0 s")]
    public void DurationsReadNaturally(double seconds, bool tenths, string expected)
    {
        Assert.Equal(expected, Duration.Format(TimeSpan.FromSeconds(seconds), tenths));
        Assert.Equal(expected, Duration.Format(seconds, tenths));
    }

    [Fact]
    public void HtmlHasAProgressBarAndTheLine()
    {
        string html = At(1200, 12.4).ToHtml();
        Assert.Contains("<progress value=\"1200\" max=\"4680\"", html);
        Assert.Contains("lossG 1.384", html);
    }
}

public class TableTests
{
    [Fact]
    public void TextAlignsNamesLeftAndNumbersRight()
    {
        var table = new Table("variant", "FID", "seconds").Add("DCGAN", 31.25, 412).Add("WGAN-GP", double.NaN, 1655.5);
        Assert.Equal(
            "variant    FID  seconds\n" +
            "DCGAN    31.25      412\n" +
            "WGAN-GP    n/a   1655.5", table.ToString());
    }

    [Fact]
    public void HtmlEncodesNamesAndUsesTheNumberFormat()
    {
        var table = new Table("model", "FID") { NumberFormat = "0.0" }.Add("<b>x</b>", 2.26);
        string html = table.ToHtml();
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
        Assert.Matches(new Regex(@"<td[^>]*>2\.3</td>"), html);
        Assert.Equal(2, Regex.Count(html, "<tr>"));
    }

    [Fact]
    public void RowsMustMatchTheColumns()
    {
        var e = Assert.Throws<ArgumentException>(() => new Table("variant", "FID", "IS").Add("DCGAN", 30));
        Assert.Contains("1 values but the table has 2 columns (FID, IS)", e.Message);
    }
}

public class GridSliderTests
{
    [Fact]
    public void ShowsTheLastFrameAndHidesTheOthers()
    {
        using var a = torch.zeros(1, 1, 2, 2);
        using var b = torch.ones(1, 1, 2, 2);
        var slider = new GridSlider().Add("step 0", ImageGrid.From(a)).Add("step <100>", ImageGrid.From(b));
        string html = slider.ToHtml();
        Assert.Contains("max=\"1\" value=\"1\"", html);
        Assert.Equal(2, Regex.Count(html, "class=\"gn-frame\""));
        Assert.Single(Regex.Matches(html, "class=\"gn-frame\"[^>]*style=\"display:none\""));
        Assert.Contains("data-label=\"step &lt;100&gt;\">", html);          // the last frame, visible
        Assert.Contains(ImageGrid.From(b).ToBase64(), html);
    }

    [Fact]
    public void AnEmptySliderSaysSo() => Assert.Contains("no frames yet", new GridSlider().ToHtml());
}
