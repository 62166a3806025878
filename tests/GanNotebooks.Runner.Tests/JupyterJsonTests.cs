using System.Text.Json.Nodes;
using GanNotebooks.Export.Ipynb;
using GanNotebooks.Runner.Ipynb;
using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

public sealed class JupyterJsonTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

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
