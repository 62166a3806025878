using GanNotebooks.Runner.Tests.Support;
using static GanNotebooks.Runner.Tests.Support.Notebooks;

namespace GanNotebooks.Runner.Tests;

public sealed class CliTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void FolderRunsEveryNotebookInNameOrder()
    {
        string folder = Path.Combine(dir.Path, "nbs");
        Directory.CreateDirectory(folder);
        Write(Path.Combine(folder, "b.ipynb"), Code("Console.WriteLine(\"b\");"));
        Write(Path.Combine(folder, "a.ipynb"), Code("Console.WriteLine(\"a\");"));

        var cli = RunnerCli.InProcess("run", folder, "--out", dir.File("out"));

        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.True(cli.Stdout.IndexOf("a.ipynb", StringComparison.Ordinal) < cli.Stdout.IndexOf("b.ipynb", StringComparison.Ordinal));
        Assert.Contains("summary: 2 of 2 notebooks ran; all good.", cli.Stdout);
        Assert.Equal("a\n", Text(Assert.Single(Outputs(ReadCells(dir.File("out/a.ipynb")), 1))["text"]));
        Assert.Equal("b\n", Text(Assert.Single(Outputs(ReadCells(dir.File("out/b.ipynb")), 1))["text"]));
    }

    [Fact]
    public void OutputNeverOverwritesTheSource()
    {
        string nb = Write(dir.File("x.ipynb"), Code("1"));
        string before = File.ReadAllText(nb);

        var cli = RunnerCli.InProcess("run", nb, "--out", dir.Path);

        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("would overwrite the source notebook", cli.Stdout);
        Assert.Equal(before, File.ReadAllText(nb));
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "run" }, "run needs a notebook or a folder")]
    [InlineData(new[] { "run", "a.ipynb", "--param", "novalue" }, "write --param name=value")]
    [InlineData(new[] { "run", "a.ipynb", "--out" }, "--out needs a value")]
    [InlineData(new[] { "export" }, "export needs an executed notebook or a folder of them")]
    [InlineData(new[] { "export", "a.ipynb", "--html" }, "unknown option '--html'")]
    [InlineData(new[] { "run", "a.ipynb", "b.ipynb" }, "run takes one notebook or folder")]
    [InlineData(new[] { "run", "a.ipynb", "--param" }, "--param needs a value")]
    [InlineData(new[] { "check", "--fix" }, "unknown option '--fix'")]
    [InlineData(new string[0], "no command given")]
    public void BadCommandLinesExitWithTwoAndUsage(string[] args, string message)
    {
        var cli = RunnerCli.InProcess(args);

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains(message, cli.Stderr);
        Assert.Contains("usage:", cli.Stderr);
    }

    [Theory]
    [InlineData("run", new[] { "--out <DIR>", "--param <name=value>", "--html", "--kernel" })]
    [InlineData("export", new[] { "--out <DIR>", "--site" })]
    [InlineData("check", new string[0])]
    [InlineData("format", new string[0])]
    public void EveryVerbHasHelpNamingItsOptions(string verb, string[] options)
    {
        foreach (string help in (string[])["--help", "-h"])
        {
            var cli = RunnerCli.InProcess(verb, help);

            Assert.True(cli.ExitCode == 0, cli.ToString());
            Assert.Contains($"GanNotebooks.Runner {verb} [<", cli.Stdout);
            foreach (string option in options) Assert.Contains(option, cli.Stdout);
            Assert.Equal("", cli.Stderr);
        }
        var all = RunnerCli.InProcess("--help");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains($"GanNotebooks.Runner {verb} ", all.Stdout);   // the overview names every verb
    }

    [Fact]
    public void ExportTurnsAnExecutedNotebookIntoAPageAndAFolderIntoASite()
    {
        string source = Write(dir.File("n.ipynb"), Markdown("# A title $x^2$"), Code("Console.WriteLine(6 * 7);"));
        Assert.Equal(0, RunnerCli.InProcess("run", source, "--out", dir.File("runs")).ExitCode);

        var page = RunnerCli.InProcess("export", dir.File("runs/n.ipynb"));
        var site = RunnerCli.InProcess("export", dir.File("runs"), "--site", "--out", dir.File("site"));

        Assert.True(page.ExitCode == 0, page.ToString());
        Assert.Contains("<pre class=\"stream stdout\">42\n</pre>", File.ReadAllText(dir.File("runs/n.html")));
        Assert.True(site.ExitCode == 0, site.ToString());
        Assert.Contains("<a class=\"title\" href=\"n.html\">A title x^2</a>", File.ReadAllText(dir.File("site/index.html")));
        Assert.True(File.Exists(dir.File("site/assets/katex/katex.min.js")));
    }

    [Fact]
    public void ExportOfWhatIsNotANotebookIsAClearErrorAndWritesNothing()
    {
        File.WriteAllText(dir.File("broken.ipynb"), "{ not json");

        var cli = RunnerCli.InProcess("export", dir.File("broken.ipynb"));

        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("broken.ipynb' is not an nbformat 4 notebook: it is not valid JSON", cli.Stderr);
        Assert.False(File.Exists(dir.File("broken.html")));
    }
}
