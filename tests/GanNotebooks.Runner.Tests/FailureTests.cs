using System.Text.Json.Nodes;
using GanNotebooks.Runner.Engines;
using GanNotebooks.Runner.Run;
using GanNotebooks.Runner.Tests.Support;
using static GanNotebooks.Runner.Tests.Support.Notebooks;

namespace GanNotebooks.Runner.Tests;

public sealed class FailureTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void FailingCellStopsTheRunKeepsEarlierOutputsAndNamesCellAndLine()
    {
        var cli = RunnerCli.InProcess("run", TestPaths.Fixture("failing.ipynb"), "--out", dir.Path);

        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("error:", cli.Stdout);
        Assert.Contains("cell 4, line 3: System.ArgumentOutOfRangeException", cli.Stdout);
        var cells = ReadCells(dir.File("failing.ipynb"));
        Assert.Equal("before the failure\n", Text(Assert.Single(Outputs(cells, 3))["text"]));
        var failed = Outputs(cells, 4);
        Assert.Equal(2, failed.Count);
        Assert.Equal("answer is 42\n", Text(failed[0]["text"])); // state from cell 3, output before the throw
        Assert.Equal("error", failed[1]["output_type"]!.GetValue<string>());
        Assert.Equal("System.ArgumentOutOfRangeException", failed[1]["ename"]!.GetValue<string>());
        Assert.Contains(failed[1]["traceback"]!.AsArray(), l => l!.GetValue<string>().EndsWith("cell 4, line 3", StringComparison.Ordinal));
        Assert.Equal(3, cells[3]!["execution_count"]!.GetValue<int>());
        Assert.Empty(Outputs(cells, 5));
        Assert.Null(cells[4]!["execution_count"]);
        Nbformat.ValidateAndRewrite(dir.File("failing.ipynb"));
    }

    [Fact]
    public void RunResultSaysWhichCellFailedAndWhichDidNotRun()
    {
        var result = NotebookRunner.Run(new RunOptions(TestPaths.Fixture("failing.ipynb")) { OutDir = dir.Path });

        Assert.False(result.Succeeded);
        Assert.Equal([CellStatus.Succeeded, CellStatus.Succeeded, CellStatus.Failed, CellStatus.NotRun], result.Cells.Select(c => c.Status));
        Assert.Equal(("cell 4", 3), (result.FailedCell!.Name, result.FailedCell.Line));
        Assert.Equal(dir.File("failing.ipynb"), result.OutputPath);
    }

    [Fact]
    public void CompileErrorNamesCellLineAndDiagnostic()
    {
        string nb = Write(dir.File("compile.ipynb"), Markdown("# t"), Code("var a = 1;\nvar b = a + undefinedName;"));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out") });

        Assert.Equal(("cell 2", 2), (result.FailedCell!.Name, result.FailedCell.Line));
        Assert.Contains("CS0103", result.Error);
        var error = Assert.Single(Outputs(ReadCells(dir.File("out/compile.ipynb")), 2));
        Assert.Equal("CompilationError", error["ename"]!.GetValue<string>());
        Assert.Contains("line 2, column", error["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void UnknownMagicFailsBeforeAnythingRuns()
    {
        string nb = Write(dir.File("magic.ipynb"), Code("Console.WriteLine(1);"), Code("int x = 1;\n#!lsmagic"));

        var cli = RunnerCli.InProcess("run", nb, "--out", dir.File("out"));

        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("cell 2, line 2: unsupported magic #!lsmagic", cli.Stdout);
        var cells = ReadCells(dir.File("out/magic.ipynb"));
        Assert.Empty(Outputs(cells, 1)); // checked up front: cell 1 did not run
        Assert.Contains("unsupported magic #!lsmagic", Assert.Single(Outputs(cells, 2))["evalue"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("MathNet.Numerics", "4.15.0")]
    [InlineData("TorchSharp-cuda-linux", "0.106.0")]
    [InlineData("TorchSharp-cpu", "0.105.1")]
    public void NuGetVersionOtherThanTheRunnersNamesBothVersions(string package, string asked)
    {
        string ours = CentralVersions.Of(package.StartsWith("TorchSharp", StringComparison.Ordinal) ? "TorchSharp" : package);
        string nb = Write(dir.File("nuget.ipynb"), Code($"#r \"nuget: {package}, {asked}\"\nConsole.WriteLine(1);"));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out") });

        Assert.Equal(("cell 1", 1), (result.FailedCell!.Name, result.FailedCell.Line));
        Assert.Contains($"{package} {asked}", result.Error);
        Assert.Contains($"{package} {ours}", result.Error);
    }

    [Theory]
    [InlineData("Plotly.NET", "6.0.0")]
    [InlineData("Plotly.NET.Interactive", "6.0.0")]
    public void PlotlyNetIsRefusedAsTheRealKernelCannotLoadIt(string package, string version)
    {
        string nb = Write(dir.File("nuget.ipynb"), Code($"#r \"nuget: {package}, {version}\""));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out") });

        Assert.Equal(("cell 1", 1), (result.FailedCell!.Name, result.FailedCell.Line));
        Assert.Contains($"the real kernel cannot load {package}", result.Error);
        Assert.Contains("FSharp.Core, Version=10.1.0.0", result.Error);
        Assert.Contains("GanNotebooks.Display.Charts", result.Error);
    }

    [Fact]
    public void PackageTheRunnerLacksIsAnError()
    {
        string nb = Write(dir.File("nuget.ipynb"), Code("#r \"nuget: Newtonsoft.Json, 13.0.3\""));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out") });

        Assert.Contains("does not reference the package Newtonsoft.Json", result.Error);
    }

    [Fact]
    public void PngFormatterThatBreaksTheBase64ContractFailsTheCell()
    {
        const string cell = """
            public sealed class TypeFormatterSourceAttribute(Type t) : Attribute { public Type FormatterSourceType { get; } = t; public string[] PreferredMimeTypes { get; set; } = []; }
            public sealed class Source { public IEnumerable<object> CreateTypeFormatters() { yield return new Png(); } }
            public sealed class Png { public Type Type => typeof(Picture); public string MimeType => "image/png"; public bool Format(object o, System.IO.TextWriter w) { w.Write("raw bytes, not base64"); return true; } }
            [TypeFormatterSource(typeof(Source), PreferredMimeTypes = new[] { "image/png" })] public sealed class Picture { }
            display(new Picture());
            """;
        string nb = Write(dir.File("png.ipynb"), Code(cell));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out") });

        Assert.Equal(("cell 1", 5), (result.FailedCell!.Name, result.FailedCell.Line));
        Assert.Contains("did not write a base64-encoded PNG", result.Error);
    }
}
