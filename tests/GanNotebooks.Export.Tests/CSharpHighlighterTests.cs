using GanNotebooks.Ipynb;

namespace GanNotebooks.Export.Tests;

public class CSharpHighlighterTests
{
    static string H(string code) => CSharpHighlighter.Highlight(code);

    [Fact]
    public void KeywordsInsideStringsAndCommentsStayStrings()
    {
        Assert.Equal("<span class=\"tok-kw\">var</span> s = <span class=\"tok-str\">&quot;var if new&quot;</span>;", H("var s = \"var if new\";"));
        Assert.Equal("x <span class=\"tok-com\">/* for while */</span> y", H("x /* for while */ y"));
    }

    [Fact]
    public void InterpolationHolesMayHoldQuotesAndBraces()
    {
        Assert.Equal("<span class=\"tok-str\">$&quot;{d[&quot;k&quot;]} {{x}}&quot;</span>;", H("$\"{d[\"k\"]} {{x}}\";"));
    }

    [Fact]
    public void VerbatimAndRawStringsEndWhereCSharpEndsThem()
    {
        Assert.Equal("<span class=\"tok-str\">@&quot;a&quot;&quot;b\\&quot;</span>;", H("@\"a\"\"b\\\";"));
        Assert.Equal("<span class=\"tok-str\">&quot;&quot;&quot;\n say &quot;hi&quot;\n &quot;&quot;&quot;</span>;", H("\"\"\"\n say \"hi\"\n \"\"\";"));
    }

    [Theory]
    [InlineData("2.5f", "<span class=\"tok-num\">2.5f</span>")]
    [InlineData("0xFF", "<span class=\"tok-num\">0xFF</span>")]
    [InlineData("1e-3", "<span class=\"tok-num\">1e-3</span>")]
    [InlineData("1..2", "<span class=\"tok-num\">1</span>..<span class=\"tok-num\">2</span>")]
    [InlineData("x1 + 2", "x1 + <span class=\"tok-num\">2</span>")]
    [InlineData("'\\n'", "<span class=\"tok-str\">&#39;\\n&#39;</span>")]
    public void NumbersAndCharacters(string code, string html) => Assert.Equal(html, H(code));

    [Fact]
    public void DirectivesOnlyAtTheStartOfALine()
    {
        Assert.Equal("<span class=\"tok-dir\">#r &quot;nuget: X&quot;</span>\n  <span class=\"tok-dir\">#!time</span>", H("#r \"nuget: X\"\n  #!time"));
        Assert.StartsWith("a #", H("a #b"));
    }
}

public class ExecutionInfoTests
{
    [Fact]
    public void RoundTripsThroughNotebookMetadata()
    {
        var metadata = new System.Text.Json.Nodes.JsonObject { ["kernelspec"] = new System.Text.Json.Nodes.JsonObject() };
        var info = new ExecutionInfo("cpu (2 cores)", 42.46, "0.1.0", "2025-02-01T09:30:00+01:00");
        info.WriteTo(metadata);
        Assert.Equal(info with { WallTimeSeconds = 42.5 }, ExecutionInfo.From(metadata));
        Assert.Equal("executed on cpu (2 cores), 2025-02-01 08:30 UTC, wall time 42.5 s, GanNotebooks 0.1.0", ExecutionInfo.From(metadata)!.Describe());
    }

    [Fact]
    public void MissingPartsAreLeftOut()
    {
        Assert.Equal("wall time 1 h 05 min", new ExecutionInfo(null, 3890, null, null).Describe());
        Assert.Equal("executed 2025-01-31 14:02 UTC", new ExecutionInfo(null, null, null, "2025-01-31T14:02:00Z").Describe());
        Assert.Null(ExecutionInfo.From(new System.Text.Json.Nodes.JsonObject()));
    }
}
