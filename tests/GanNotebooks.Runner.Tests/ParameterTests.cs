using GanNotebooks.Runner.Engines;
using GanNotebooks.Runner.Run;
using GanNotebooks.Runner.Tests.Support;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using static GanNotebooks.Runner.Tests.Support.Notebooks;

namespace GanNotebooks.Runner.Tests;

public sealed class ParameterTests : IDisposable
{
    const string Defaults = """
        int epochs = 20;
        bool quick = false;
        string dataset = "mnist";
        double learningRate = 2e-4;
        float beta1 = 0.5f, beta2 = 0.999f;
        long seed = 42;
        var batch = 64;
        var device = "auto";
        System.Int32 width = 28;
        """;

    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void DefaultsAreReadWithTheirTypesIncludingVar()
    {
        var defaults = Parameters.ReadDefaults(Defaults);

        Assert.Equal(
            ["epochs:int", "quick:bool", "dataset:string", "learningRate:double", "beta1:float", "beta2:float", "seed:long",
             "batch:int", "device:string", "width:int"],
            defaults.Select(d => $"{d.Name}:{d.Type}"));
    }

    [Fact]
    public async Task InjectedCellCompilesAndGivesTheValuesTyped()
    {
        var defaults = Parameters.ReadDefaults(Defaults);
        string injected = Parameters.InjectedCell(
            [new("epochs", "-3"), new("quick", "True"), new("dataset", "fashion \"mnist\"\\n"), new("learningRate", "1e-3"),
             new("beta1", "0.25"), new("seed", "9000000000")], defaults);

        var token = TestContext.Current.CancellationToken;
        var state = await CSharpScript.RunAsync(Defaults, cancellationToken: token);
        state = await state.ContinueWithAsync(injected + "\n(epochs, quick, dataset, learningRate, beta1, seed)", cancellationToken: token);

        Assert.Equal((-3, true, "fashion \"mnist\"\\n", 1e-3, 0.25f, 9000000000L), state.ReturnValue);
    }

    [Theory]
    [InlineData("epochs", "many", "'many' is not a valid int")]
    [InlineData("quick", "yes", "'yes' is not a valid bool")]
    [InlineData("seed", "4.5", "'4.5' is not a valid long")]
    [InlineData("learningRate", "fast", "'fast' is not a valid double")]
    public void ValueThatDoesNotParseAsTheDefaultsTypeIsAnError(string name, string value, string expected)
    {
        var e = Assert.Throws<NotebookException>(() => Parameters.InjectedCell([new(name, value)], Parameters.ReadDefaults(Defaults)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void UnknownParameterListsTheKnownOnes()
    {
        string nb = Write(dir.File("p.ipynb"), Code("int epochs = 2;\nstring dataset = \"mnist\";", "parameters"));

        var cli = RunnerCli.InProcess("run", nb, "--out", dir.File("out"), "--param", "epoch=3");

        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("unknown parameter 'epoch'", cli.Stdout);
        Assert.Contains("epochs (int), dataset (string)", cli.Stdout);
        Assert.False(File.Exists(dir.File("out/p.ipynb")));
    }

    [Fact]
    public void WrongTypeOnTheCommandLineFailsTheRun()
    {
        string nb = Write(dir.File("p.ipynb"), Code("int epochs = 2;", "parameters"));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out"), Parameters = [new("epochs", "2.5")] });

        Assert.False(result.Succeeded);
        Assert.Contains("'2.5' is not a valid int", result.Error);
    }

    [Fact]
    public void ParamWithoutAParametersCellIsAnError()
    {
        string nb = Write(dir.File("p.ipynb"), Code("int epochs = 2;"));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out"), Parameters = [new("epochs", "3")] });

        Assert.Contains("no code cell is tagged 'parameters'", result.Error);
    }
}
