using System.Text.Json.Nodes;
using GanNotebooks.Ipynb;
using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// The notebook document (GanNotebooks.Ipynb): the course's notebooks round-trip, the typed view edits the JSON, and
/// the canonical writer matches nbformat's own.
/// </summary>
public sealed class NotebookDocumentTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void EveryCourseNotebookRoundTripsByteForByte()
    {
        var notebooks = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "notebooks"), "*.ipynb");
        Assert.NotEmpty(notebooks);
        foreach (string path in notebooks)
        {
            string copy = dir.File(Path.GetFileName(path));
            Notebook.Load(path).Save(copy);
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(copy)), $"{path} changed on a load and save");
        }
    }

    [Fact]
    public void TheTypedViewReadsAndWritesTheDocument()
    {
        var notebook = Notebook.Parse("""
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {"tags": ["injected-parameters"]}, "outputs": [], "source": ["x = 1\n", "y"]},
                       {"cell_type": "markdown", "metadata": {}, "source": "# T"},
                       {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "z"}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);
        var code = notebook.CodeCells();
        Assert.Equal(["injected parameters cell", "cell 2"], code.Select(c => c.Name));
        Assert.True(notebook.NeedsCellIds);

        notebook.CellAt(2).SetOutputs([new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "hi\n" }], 3);
        notebook.Stamp(new ExecutionInfo("CPU, 2 cores", 1.26, "0.1.0", "2025-01-31T14:02:00Z"));

        var again = Notebook.Parse(notebook.Serialize());
        Assert.Equal(3, again.Cells[2].ExecutionCount);
        Assert.Equal("hi\n", again.Cells[2].Outputs.Single().StreamText);
        Assert.Equal("x = 1\ny", again.Cells[0].Source);
        Assert.Equal(1.3, again.Execution!.WallTimeSeconds);
    }

    [Fact]
    public void SerializationMatchesNbformatsOwnWriterOnAwkwardText()
    {
        var nb = JsonNode.Parse("""
            {"nbformat": 4, "nbformat_minor": 4,
             "metadata": {"zeta": 0.25, "tiny": 1e-07, "alpha": [true, false, null, -3], "unicode": "λ → 😀 é", "ctrl": "tab\tbell\u0007 quote\" slash\\ </script>"},
             "cells": [
               {"cell_type": "markdown", "metadata": {}, "source": "line one\r\nline two\n\nlast"},
               {"cell_type": "code", "execution_count": 3, "metadata": {"b": {}, "a": []},
                "outputs": [
                  {"output_type": "stream", "name": "stdout", "text": "a\nb\n"},
                  {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<p>\n</p>", "image/png": "iVBORw0KGgo=", "application/json": {"k": "v\nw"}}}
                ],
                "source": "var x = \"λ\";\nx"}
             ]}
            """)!.AsObject();
        string written = dir.File("awkward.ipynb");
        File.WriteAllText(written, JupyterJson.Serialize(nb));

        Assert.Equal(Nbformat.ValidateAndRewrite(written), File.ReadAllText(written));
    }

    [Fact]
    public void ParseJoinsLinesAndSerializeSplitsThemAgain()
    {
        var nb = JupyterJson.Parse("""{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["a\n", "b"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}""");

        Assert.Equal("a\nb", nb["cells"]![0]!["source"]!.GetValue<string>());
        Assert.Contains("\"source\": [\n    \"a\\n\",\n    \"b\"\n   ]", JupyterJson.Serialize(nb));
    }

    [Fact]
    public void NotANotebookIsRejectedWithAMessage()
    {
        Assert.Throws<InvalidDataException>(() => JupyterJson.Parse("""{"nbformat": 4}"""));
    }
}
