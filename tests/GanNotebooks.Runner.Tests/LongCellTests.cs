using GanNotebooks.Runner.Engines;
using GanNotebooks.Runner.Run;
using GanNotebooks.Runner.Tests.Support;
using static GanNotebooks.Runner.Tests.Support.Notebooks;

namespace GanNotebooks.Runner.Tests;

/// <summary>A long cell is never silent: its latest display shows on the console, and the executed notebook is refreshed.</summary>
[Collection(nameof(HeavyCollection))]
public sealed class LongCellTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task ConsoleShowsTheLatestDisplayAndTheFileHasTheOutputsSoFar()
    {
        string executed = dir.File("out/long.ipynb").Replace('\\', '/');
        // The cell shows a progress line and updates it, then looks at the executed notebook on disk from inside the
        // cell (it is still running, so only a refresh during the cell can have put its progress line there).
        string notebook = Write(dir.File("long.ipynb"), Code($$"""
            var progress = display("step 1 of 3");
            System.Threading.Thread.Sleep(700);
            progress.Update("step 2 of 3");
            System.Threading.Thread.Sleep(700);
            progress.Update("step 3 of 3");
            System.Threading.Thread.Sleep(700);
            Console.WriteLine(System.IO.File.ReadAllText(@"{{executed}}").Contains("step 3 of 3") ? "refreshed while running" : "not refreshed");
            """));
        var log = new StringWriter();

        var result = await NotebookRunner.RunAsync(new RunOptions(notebook)
        {
            OutDir = dir.File("out"), Log = log,
            ProgressEvery = TimeSpan.FromMilliseconds(300), SaveEvery = TimeSpan.FromMilliseconds(300),
        });

        Assert.True(result.Succeeded, result.Error);
        string[] lines = log.ToString().Split('\n');
        Assert.Contains(lines, l => l.Trim().EndsWith("s step 2 of 3", StringComparison.Ordinal));   // "      1 s step 2 of 3"
        Assert.Contains(lines, l => l.Trim().EndsWith("s step 3 of 3", StringComparison.Ordinal));
        Assert.Matches(@"\[ 1/1\] cell 1 +var progress = display\(""step 1 of 3""\); +\d+\.\d s", lines.Single(l => l.Contains("[ 1/1]") && l.TrimEnd().EndsWith(" s", StringComparison.Ordinal)));
        var outputs = ReadCells(executed)[0]!["outputs"]!.AsArray();
        Assert.Equal("refreshed while running\n", Text(outputs.Single(o => o!["output_type"]!.GetValue<string>() == "stream")!["text"]));
    }
}
