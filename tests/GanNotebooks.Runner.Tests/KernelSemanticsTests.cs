using GanNotebooks.Runner.Engines;
using GanNotebooks.Runner.Run;
using GanNotebooks.Runner.Tests.Support;
using static GanNotebooks.Runner.Tests.Support.Notebooks;

namespace GanNotebooks.Runner.Tests;

/// <summary>What the .NET Interactive C# kernel gave a cell, and nothing more, so notebooks behave the same in VS Code.</summary>
public sealed class KernelSemanticsTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void KernelImportsPocketViewHtmlAwaitAndStateCarryOver()
    {
        string nb = Write(dir.File("k.ipynb"),
            Code("var sb = new StringBuilder(\"n=\");\nvar list = new List<int> { 1, 2, 3 };"),
            Code("await Task.Delay(1);\nsb.Append(list.Where(i => i > 1).Count());\nsb.ToString()"),
            Code("div(\"hi\")"),
            Code("display(HTML(\"<b>bold</b>\"));"));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out") });

        Assert.True(result.Succeeded, result.Error);
        var cells = ReadCells(dir.File("out/k.ipynb"));
        Assert.Equal("n=2", Text(Assert.Single(Outputs(cells, 2))["data"]!["text/plain"]));
        Assert.Equal("<div>hi</div>", Text(Assert.Single(Outputs(cells, 3))["data"]!["text/html"]));
        Assert.Equal("<b>bold</b>", Text(Assert.Single(Outputs(cells, 4))["data"]!["text/html"]));
    }

    [Fact]
    public void SystemIoIsNotImportedByDefaultAsInTheKernel()
    {
        string nb = Write(dir.File("io.ipynb"), Code("File.Exists(\"x\")"));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out") });

        Assert.Contains("CS0103: The name 'File' does not exist", result.Error);
    }

    [Fact]
    public void LanguageVersionIsTheKernelsCSharp12()
    {
        string nb = Write(dir.File("lang.ipynb"), Code("var escape = \"\\e\";")); // \e is C# 13

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out") });

        Assert.Contains("C# 12.0", result.Error);
    }

    [Fact]
    public void ExceptionInAMethodFromAnEarlierCellNamesBothCells()
    {
        string nb = Write(dir.File("m.ipynb"),
            Code("int Half(int n)\n{\n    if (n % 2 != 0) throw new ArgumentException(\"odd\");\n    return n / 2;\n}"),
            Code("var a = Half(4);\nvar b = Half(3);"));

        var result = NotebookRunner.Run(new RunOptions(nb) { OutDir = dir.File("out") });

        Assert.Equal("cell 2", result.FailedCell!.Name);
        Assert.Contains("thrown in cell 1, line 3", result.Error);
        var traceback = Outputs(ReadCells(dir.File("out/m.ipynb")), 2)[0]["traceback"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Equal(["System.ArgumentException: odd", "   at Half in cell 1, line 3", "   at cell 2, line 2"], traceback);
    }
}

/// <summary>Swaps Console.Out, so it runs alone (a swap during another run would steal that run's cell output).</summary>
[Collection(nameof(HeavyCollection))]
public sealed class ConsoleIsolationTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task ConsoleOutputOfOtherThreadsDoesNotLeakIntoCells()
    {
        string nb = Write(dir.File("t.ipynb"), Code("Console.WriteLine(\"cell\");\nSystem.Threading.Thread.Sleep(300);"));
        TextWriter original = Console.Out;
        var console = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(console));
        using var stop = new CancellationTokenSource();
        try
        {
            var noise = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested) { Console.Write("noise"); await Task.Delay(5); }
            }, TestContext.Current.CancellationToken);
            var result = await NotebookRunner.RunAsync(new RunOptions(nb) { OutDir = dir.File("out") });
            stop.Cancel();
            await noise;

            Assert.True(result.Succeeded, result.Error);
            Assert.Equal("cell\n", Text(Assert.Single(Outputs(ReadCells(dir.File("out/t.ipynb")), 1))["text"]));
            Assert.Contains("noise", console.ToString()); // the other thread's writes reached the console
            Assert.DoesNotContain("cell", console.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
