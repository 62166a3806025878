using System.Text.Json.Nodes;

namespace GanNotebooks.Export.Tests;

/// <summary>The site's files and links, without a browser (SiteTests opens it in one).</summary>
public sealed class SiteBuilderTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("gn-sitebuilder-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string Notebook(string name, string title)
    {
        var nb = JsonNode.Parse(Fixture.Json)!.AsObject();
        nb["cells"]![0]!["source"] = $"# {title}\n\nFirst sentence of {name}. Second sentence.";
        string path = Path.Combine(dir, "runs", name + ".ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, nb.ToJsonString());
        return path;
    }

    [Fact]
    public void PagesLinkTheirNeighboursAndTheSharedAssetsAndKeepImagesAsFiles()
    {
        string site = Path.Combine(dir, "site");
        Directory.CreateDirectory(Path.Combine(site, "images", "01-a"));
        File.WriteAllText(Path.Combine(site, "images", "01-a", "stale.png"), "from an earlier build");

        var pages = SiteBuilder.Build([Notebook("01-a", "Chapter A"), Notebook("02-b", "Chapter B"), Notebook("03-c", "Chapter C")], site);

        Assert.Equal(["01-a.html", "02-b.html", "03-c.html"], pages.Select(p => p.Href));
        string b = File.ReadAllText(Path.Combine(site, "02-b.html"));
        Assert.Contains("<a class=\"prev\" rel=\"prev\" href=\"01-a.html\">← Chapter A</a>", b);
        Assert.Contains("<a class=\"next\" rel=\"next\" href=\"03-c.html\">Chapter C →</a>", b);
        Assert.Contains("<a class=\"toc\" href=\"index.html\">Contents</a>", b);
        Assert.Contains("<script data-asset=\"katex\" src=\"assets/katex/katex.min.js\"></script>", b);
        Assert.DoesNotContain("data:image/png;base64", b);                                 // images are files in a site
        Assert.DoesNotContain("data:font/woff2", b);
        Assert.True(b.Length < 100_000, $"a site page carries no assets; this one is {b.Length} characters");

        // the fixture's grid appears twice (attachment and output) and is written once; its slider adds 3 frames and a GIF
        var images = Directory.GetFiles(Path.Combine(site, "images", "02-b")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["image-01.png", "image-02.png", "image-03.png", "image-04.png", "progress.gif"], images);
        Assert.Equal(Fixture.Grid.Png, File.ReadAllBytes(Path.Combine(site, "images", "02-b", "image-01.png")));
        Assert.False(File.Exists(Path.Combine(site, "images", "01-a", "stale.png")));
        Assert.Equal("images/02-b/image-04.png", pages[1].Picture);   // the last still image, not the GIF (its first frame is step 0)

        Assert.True(File.Exists(Path.Combine(site, "assets", "plotly.min.js")));
        Assert.Equal(20, Directory.GetFiles(Path.Combine(site, "assets", "katex", "fonts"), "*.woff2").Length);
        string css = File.ReadAllText(Path.Combine(site, "assets", "katex", "katex.min.css"));
        Assert.DoesNotContain(".woff)", css);                                               // only the woff2 files that are there
        Assert.DoesNotContain(".ttf)", css);
    }

    [Fact]
    public void IndexListsEveryChapterWithItsPictureSummaryRunAndWallTime()
    {
        string site = Path.Combine(dir, "site");
        SiteBuilder.Build([Notebook("01-a", "Chapter A"), Notebook("02-b", "Chapter B")], site);

        string index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Equal(2, index.Split("<li class=\"chapter\">").Length - 1);
        Assert.Contains("<img src=\"images/01-a/image-04.png\"", index);
        Assert.Contains("<div class=\"summary md\"><p>First sentence of 01-a. Second sentence.</p></div>", index);
        Assert.Contains("<script src=\"assets/render-math.js\"></script>", index);      // the summaries' math is typeset
        Assert.Contains("executed on cuda (NVIDIA H100 80GB HBM3), 2025-01-31 14:02 UTC, wall time 8 min 32 s, GanNotebooks 0.1.0; parameters: the notebook&#39;s defaults", index);
        Assert.Contains("<tr class=\"total\"><td>all</td><td></td><td>17 min 05 s</td>", index);
        Assert.Equal("""
            | notebook | machine | wall time | parameters |
            |---|---|---|---|
            | [01-a](01-a.html) | cuda (NVIDIA H100 80GB HBM3) | 8 min 32 s | the notebook's defaults |
            | [02-b](02-b.html) | cuda (NVIDIA H100 80GB HBM3) | 8 min 32 s | the notebook's defaults |
            | all | | 17 min 05 s | |

            """.Replace("\r\n", "\n"), File.ReadAllText(Path.Combine(site, "wall-times.md")));
    }

    [Theory]
    [InlineData("Least squares (Mao et al. 2017) keep a gradient. Second.", 40, "Least squares (Mao et al. 2017) keep a gradient.")]
    [InlineData("It is $\\mathrm{KL}(p \\| q)$, e.g. for two piles. Then more words.", 30, "It is $\\mathrm{KL}(p \\| q)$, e.g. for two piles.")]
    [InlineData("One. Two. Three.", 9, "One. Two.")]
    [InlineData("One. Two. Three.", 8, "One.")]
    [InlineData("No end at all", 5, "No end at all")]
    [InlineData("A sentence (with one. inside) ends here. Next.", 20, "A sentence (with one. inside) ends here.")]
    public void BlurbsEndAfterWholeSentencesNotInsideParenthesesMathOrAbbreviations(string markdown, int max, string expected) =>
        Assert.Equal(expected, PageFacts.FirstSentences(markdown, max));

    [Fact]
    public void AHeaderThatIsAListGivesItsFirstItemAsTheBlurb()
    {
        var nb = JsonNode.Parse(Fixture.Json)!.AsObject();
        nb["cells"]![0]!["source"] = "# Title\n\n- **You will learn:** the game. And more.\n- **Budgets:** not this.";
        var notebook = GanNotebooks.Ipynb.Notebook.Parse(nb.ToJsonString(), "x.ipynb");
        Assert.Equal("**You will learn:** the game. And more.", PageFacts.SummaryMarkdown(notebook));
        Assert.Equal("You will learn: the game. And more.", PageFacts.Summary(notebook));
    }

    [Fact]
    public void TheIndexSaysItShowsTheTeachersEditionAndLinksTheStudentZipWhenTheSiteHoldsIt()
    {
        string site = Path.Combine(dir, "site");
        string a = Notebook("01-a", "Chapter A");
        SiteBuilder.Build([a], site);
        string without = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("These pages show the <strong>teacher's edition</strong>", without);
        Assert.DoesNotContain("Student edition", without);                                 // no zip, no dead link

        File.WriteAllBytes(Path.Combine(site, StudentEdition.ZipFile), [0x50, 0x4B, 5, 6]);
        SiteBuilder.Build([a], site);

        Assert.Contains("<a class=\"student-edition\" href=\"gan-notebooks-student.zip\" download>Student edition</a>",
            File.ReadAllText(Path.Combine(site, "index.html")));
    }

    [Fact]
    public void TheTeachersGuideInTheSiteFolderBecomesAPageLinkedFromTheIndex()
    {
        string site = Path.Combine(dir, "site");
        string a = Notebook("01-a", "Chapter A");
        SiteBuilder.Build([a], site);
        Assert.DoesNotContain("teaching-guide", File.ReadAllText(Path.Combine(site, "index.html")));   // no guide, no link
        Assert.False(File.Exists(Path.Combine(site, GuidePage.PageFile)));

        File.WriteAllText(Path.Combine(site, GuidePage.SourceFile), "# Teaching it\n\nStop with **■**; the window is $1/(1-\\beta)$.\n\n[contents](index.html)\n");
        SiteBuilder.Build([a], site);

        Assert.Contains("<a class=\"teaching-guide\" href=\"teaching.html\">the teacher's guide</a>", File.ReadAllText(Path.Combine(site, "index.html")));
        string guide = File.ReadAllText(Path.Combine(site, GuidePage.PageFile));
        Assert.Contains("<title>Teaching it</title>", guide);
        Assert.Contains("<h1 id=\"teaching-it\">Teaching it</h1>", guide);
        Assert.Contains("<strong>■</strong>", guide);
        Assert.Contains("<a href=\"index.html\">contents</a>", guide);
        Assert.Contains("href=\"assets/page.css\"", guide);            // the site's shared stylesheet, no copy
        Assert.Contains("src=\"assets/render-math.js\"", guide);       // math typeset as on the chapter pages
    }

    [Fact]
    public void APageWithSolvedExercisesSaysItIsTheTeachersEdition()
    {
        var nb = JsonNode.Parse(Fixture.Json)!.AsObject();
        string plain = Path.Combine(dir, "plain.ipynb"), solved = Path.Combine(dir, "solved.ipynb");
        File.WriteAllText(plain, nb.ToJsonString());
        nb["cells"]!.AsArray().Add(new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(),
            ["source"] = "// Exercise 1.1: one\nint One()\n{\n    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION\n}",
        });
        File.WriteAllText(solved, nb.ToJsonString());

        HtmlExporter.Export(plain, Path.Combine(dir, "plain.html"));
        HtmlExporter.Export(solved, Path.Combine(dir, "solved.html"));

        Assert.DoesNotContain("nb-edition", File.ReadAllText(Path.Combine(dir, "plain.html")));
        Assert.Contains("<span class=\"nb-edition\">teacher's edition: the exercises are shown solved (the student edition has stubs)</span>",
            File.ReadAllText(Path.Combine(dir, "solved.html")));
    }

    [Fact]
    public void TwoNotebooksOfOneNameOrAMissingOneAreClearErrors()
    {
        string a = Notebook("01-a", "A");
        string other = Path.Combine(dir, "elsewhere", "01-a.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(other)!);
        File.Copy(a, other);
        Assert.Contains("Two notebooks are named '01-a'", Assert.Throws<ArgumentException>(() => SiteBuilder.Build([a, other], dir)).Message);
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => SiteBuilder.Build([a, "/nonexistent/02.ipynb"], dir)).Message);
    }
}
