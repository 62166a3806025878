using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

public sealed class CheckFormatTests : IDisposable
{
    // Dirty in every way format can fix: 4-space indent and unsorted keys, outputs, an execution count, no C# kernel
    // metadata on a cell, no kernelspec/language_info/kernelInfo. It has its parameters cell.
    const string Dirty = """
        {
            "nbformat": 4,
            "nbformat_minor": 4,
            "metadata": {},
            "cells": [
                {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
                {"cell_type": "code", "execution_count": 7, "metadata": {"tags": ["parameters"]},
                 "outputs": [{"output_type": "stream", "name": "stdout", "text": "hi\n"}],
                 "source": "int epochs = 2;\nbool quick = false;"},
                {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "Console.WriteLine(epochs);"}
            ]
        }
        """;

    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void FixtureNotebooksAreClean()
    {
        var cli = RunnerCli.InProcess("check", TestPaths.Fixture(""));
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("check: 4 notebook(s) clean.", cli.Stdout);     // everything, failing, live-display, stop
    }

    [Fact]
    public void CheckFlagsEachProblemWithItsFix()
    {
        string path = dir.File("dirty.ipynb");
        File.WriteAllText(path, Dirty);

        var cli = RunnerCli.InProcess("check", path);

        Assert.Equal(1, cli.ExitCode);
        string[] expected =
        [
            $"{path}: metadata.kernelspec is not the .NET (C#) kernel's. Fix: run `format`",
            $"{path}: metadata.language_info.name is not polyglot-notebook or C#. Fix: run `format`",
            $"{path}: metadata.polyglot_notebook.kernelInfo does not make csharp the default kernel. Fix: run `format`",
            $"{path}: cell 2: has outputs (source notebooks are stored without them). Fix: run `format`",
            $"{path}: cell 2: has an execution count. Fix: run `format`",
            $"{path}: cell 2: lacks the C# kernel metadata",
            $"{path}: cell 3: lacks the C# kernel metadata",
            $"{path}: the JSON is not in normal form",
        ];
        foreach (string line in expected) Assert.Contains(line, cli.Stdout);
    }

    [Fact]
    public void FormatFixesTheNotebookAtomicallyAndCheckThenPasses()
    {
        string path = dir.File("dirty.ipynb");
        File.WriteAllText(path, Dirty);

        var format = RunnerCli.InProcess("format", dir.Path);
        var check = RunnerCli.InProcess("check", dir.Path);

        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.Contains($"formatted: {path}", format.Stdout);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(["dirty.ipynb"], Directory.GetFiles(dir.Path).Select(Path.GetFileName)); // no temp file left
        Assert.Equal(Nbformat.ValidateAndRewrite(path), File.ReadAllText(path)); // Jupyter's own layout
        Assert.Contains("unchanged", RunnerCli.InProcess("format", path).Stdout);
    }

    [Fact]
    public void FormattedNotebookHasPolyglotMetadataAndNoOutputs()
    {
        string path = dir.File("dirty.ipynb");
        File.WriteAllText(path, Dirty);
        RunnerCli.InProcess("format", path);

        var nb = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(".net-csharp", nb["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", nb["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        var code = nb["cells"]![1]!;
        Assert.Empty(code["outputs"]!.AsArray());
        Assert.Null(code["execution_count"]);
        Assert.Equal("csharp", code["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal("csharp", code["metadata"]!["dotnet_interactive"]!["language"]!.GetValue<string>());
        Assert.Equal(["int epochs = 2;\n", "bool quick = false;"], code["source"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Theory]
    [InlineData("", "no code cell is tagged 'parameters'")]
    [InlineData("\"parameters\"", null)]
    [InlineData("\"parameters\", \"x\"", null)]
    public void ExactlyOneParametersCellIsRequiredAndFormatCannotInventIt(string tags, string? expected)
    {
        string path = dir.File("p.ipynb");
        File.WriteAllText(path, Dirty.Replace("\"parameters\"", tags));

        var format = RunnerCli.InProcess("format", path);
        var check = RunnerCli.InProcess("check", path);

        Assert.Equal(expected == null ? 0 : 1, check.ExitCode);
        Assert.Equal(expected == null ? 0 : 1, format.ExitCode);
        if (expected != null) Assert.Contains($"{path}: {expected}. Fix: tag exactly one code cell", check.Stdout);
    }

    [Fact]
    public void TwoParametersCellsAreFlagged()
    {
        string path = dir.File("p.ipynb");
        File.WriteAllText(path, Dirty.Replace("\"metadata\": {}, \"outputs\": []", "\"metadata\": {\"tags\": [\"parameters\"]}, \"outputs\": []"));

        Assert.Contains("2 code cells are tagged 'parameters'", RunnerCli.InProcess("check", path).Stdout);
    }

    [Fact]
    public void CheckFlagsANuGetLineTheRunnerCannotAnswer()
    {
        string path = dir.File("n.ipynb");
        File.WriteAllText(path, Dirty.Replace("Console.WriteLine(epochs);", "#r \\\"nuget: MathNet.Numerics, 4.15.0\\\""));
        RunnerCli.InProcess("format", path);

        var check = RunnerCli.InProcess("check", path);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"cell 3: line 1: #r \"nuget: MathNet.Numerics, 4.15.0\": it asks for MathNet.Numerics 4.15.0, but the runner has MathNet.Numerics {CentralVersions.Of("MathNet.Numerics")}", check.Stdout);
    }

    [Fact]
    public void MissingPathIsAClearError()
    {
        var cli = RunnerCli.InProcess("check", dir.File("nope.ipynb"));
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("no such notebook or folder", cli.Stderr);
    }
}
