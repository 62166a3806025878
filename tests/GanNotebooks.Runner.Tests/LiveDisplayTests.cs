using System.Diagnostics;
using System.Text.Json.Nodes;
using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// What each host actually shows of a live output (a progress line updated as training goes), for the library's
/// <c>LiveDisplay</c> and for the kernel's own <c>display(x).Update(y)</c>: in the real .NET Interactive kernel through
/// the Jupyter protocol (nbclient applies update_display_data by display id, as JupyterLab and VS Code's Jupyter
/// extension do), through the protocol VS Code Polyglot Notebooks speaks (<c>dotnet interactive stdio</c>), and in our runner.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(HeavyCollection))]
public sealed class LiveDisplayTests
{
    const string Fixture = "live-display.ipynb";

    [Fact]
    public void JupyterHostsShowTheLastFrameOfALiveDisplayButTheFirstOfTheKernelsOwnUpdate()
    {
        var cells = RunFixture("--kernel");
        Assert.Equal(["frame 3 of 3"], ShownTexts(cells[2]!));
        // The kernel's handle updates a display id that no output has (1.0.712001): the frontend keeps the first frame.
        Assert.Equal(["first frame"], ShownTexts(cells[3]!));
    }

    [Fact]
    public void TheRunnerShowsTheLastFrameOfBoth()
    {
        var cells = RunFixture();
        Assert.Equal(["frame 3 of 3"], ShownTexts(cells[2]!));
        Assert.Equal(["last frame"], ShownTexts(cells[3]!));
    }

    [Fact]
    public void OnVsCodesProtocolLiveDisplayUpdatesCarryTheDisplayedValueIdAndTheKernelsOwnDoNot()
    {
        string library = Path.Combine(AppContext.BaseDirectory, "GanNotebooks.dll");
        using var kernel = StdioKernel.Start();
        kernel.Submit($"#r \"{library}\"");

        var live = kernel.Submit("var live = GanNotebooks.Display.LiveDisplay.Show(\"a\"); live.Update(\"b\");");
        var own = kernel.Submit("var handle = display(\"a\"); handle.Update(\"b\");");

        Assert.Equal(("DisplayedValueProduced", "DisplayedValueUpdated"), (live[0].Type, live[1].Type));
        Assert.Equal(live[0].ValueId, live[1].ValueId);
        Assert.Equal("b", live[1].Value);
        Assert.Equal(("DisplayedValueProduced", "DisplayedValueUpdated"), (own[0].Type, own[1].Type));
        Assert.NotEqual(own[0].ValueId, own[1].ValueId);
    }

    // Runs the fixture (in the real kernel with "--kernel") and returns the executed notebook's cells.
    static JsonArray RunFixture(params string[] options)
    {
        using var outDir = new TempDir();
        var outcome = RunnerCli.Process(TimeSpan.FromMinutes(5), ["run", TestPaths.Fixture(Fixture), "--out", outDir.Path, .. options]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return Notebooks.ReadCells(outDir.File(Fixture));
    }

    // The text/plain of every display_data / execute_result output of a cell.
    static List<string> ShownTexts(JsonNode cell) =>
        cell["outputs"]!.AsArray()
            .Where(o => (string?)o!["output_type"] is "display_data" or "execute_result")
            .Select(o => Notebooks.Text(o!["data"]!["text/plain"]))
            .ToList();
}
