using System.Text.Json.Nodes;
using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary><c>run --kernel</c>: the real .NET Interactive kernel through nbclient, failures and parameters included.</summary>
[Trait("Category", "Slow")]
[Collection(nameof(HeavyCollection))]
public sealed class KernelRunTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void AFailingCellStopsTheKernelRunNamingTheCellAndKeepingWhatRan()
    {
        var run = RunnerCli.Process(TimeSpan.FromMinutes(5), "run", TestPaths.Fixture("failing.ipynb"), "--out", dir.Path, "--kernel");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cell 4: Error: System.ArgumentOutOfRangeException", run.Stdout);
        var cells = Notebooks.ReadCells(dir.File("failing.ipynb"));
        Assert.Equal("before the failure\n", Notebooks.Text(cells[2]!["outputs"]![0]!["text"]));
        var failed = cells[3]!["outputs"]!.AsArray();
        Assert.Equal("answer is 42\n", Notebooks.Text(failed[0]!["text"]));                       // state from cell 3, output before the throw
        Assert.Contains(failed, o => (string?)o!["output_type"] == "error");
        Assert.Empty(cells[4]!["outputs"]!.AsArray());                                   // never ran
        Nbformat.ValidateAndRewrite(dir.File("failing.ipynb"));
    }

    [Fact]
    public void ParametersAreInjectedByTheRunnersCodeAndSeenByTheKernel()
    {
        var run = RunnerCli.Process(TimeSpan.FromMinutes(5), "run", TestPaths.Fixture("live-display.ipynb"), "--out", dir.Path,
            "--kernel", "--param", "frames=5");

        Assert.True(run.ExitCode == 0, run.ToString());
        var cells = Notebooks.ReadCells(dir.File("live-display.ipynb"));
        Assert.Contains("injected-parameters", cells[2]!["metadata"]!["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Contains("frame 5 of 5", cells[3]!["outputs"]!.ToJsonString());
        Assert.Equal("dotnet-interactive (the .NET Interactive kernel, via nbclient)",
            (string?)JsonNode.Parse(File.ReadAllText(dir.File("live-display.ipynb")))!["metadata"]!["gannotebooks"]!["executed"]!["engine"]);
    }

    [Fact]
    public async Task KernelsStartedSideBySideEachRunTheirNotebook()
    {
        // The kernel serves HTTP on the first free port of its --http-port-range and binds it a moment after choosing:
        // three kernels started at once chose the same port and two died ("address already in use") until the runner
        // gave each kernel a window of its own.
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() => RunnerCli.Process(TimeSpan.FromMinutes(5),
            "run", TestPaths.Fixture("live-display.ipynb"), "--out", dir.File($"run{i}"), "--kernel", "--param", $"frames={i + 2}"))));

        for (int i = 0; i < runs.Length; i++)
        {
            Assert.True(runs[i].ExitCode == 0, runs[i].ToString());
            Assert.Contains($"frame {i + 2} of {i + 2}", Notebooks.ReadCells(dir.File($"run{i}/live-display.ipynb"))[3]!["outputs"]!.ToJsonString());
        }
    }

    [Fact]
    public void AMissingLibraryBuildIsNamedBeforeTheKernelStarts()
    {
        string notebook = dir.File("needs-library.ipynb");
        File.Copy(TestPaths.Fixture("live-display.ipynb"), notebook);   // #r "../GanNotebooks.dll": not next to a temp folder

        var run = RunnerCli.InProcess("run", notebook, "--out", dir.File("out"), "--kernel");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cell 1: #r \"../GanNotebooks.dll\": there is no ", run.Stdout + run.Stderr);
        Assert.False(File.Exists(dir.File("out/needs-library.ipynb")));
    }
}
