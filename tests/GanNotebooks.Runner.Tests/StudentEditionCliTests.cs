using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary><c>export --student</c> on the command line: one notebook, the errors a teacher can make, and what the CLI says.</summary>
public sealed class StudentEditionCliTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    static string Exercise(string body) => $"// Exercise 1.1: one\nint One()\n{{\n{body}\n}}";

    [Fact]
    public void OneNotebookGivesItsStudentEditionAndNoZip()
    {
        string notebook = Notebooks.Write(dir.File("01-one.ipynb"), Notebooks.Code(Exercise("    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION")));

        var run = RunnerCli.InProcess("export", "--student", notebook, "--out", dir.File("out"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("01-one.ipynb: 1 exercise(s) (1.1) stubbed", run.Stdout);
        Assert.Contains("wrote 1 notebook(s).", run.Stdout);
        Assert.Equal(Exercise("    throw new NotImplementedException(\"Exercise 1.1: one\");"), Notebooks.Text(Notebooks.ReadCells(dir.File("out/01-one.ipynb"))[0]!["source"]));
        Assert.False(File.Exists(dir.File("out/gan-notebooks-student.zip")));
        Nbformat.ValidateAndRewrite(dir.File("out/01-one.ipynb"));
    }

    [Fact]
    public void AnUnclosedRegionIsAClearErrorAndWritesNothing()
    {
        string notebook = Notebooks.Write(dir.File("01-one.ipynb"), Notebooks.Markdown("# One"), Notebooks.Code(Exercise("    // BEGIN SOLUTION\n    return 1;")));

        var run = RunnerCli.InProcess("export", "--student", notebook, "--out", dir.File("out"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {notebook}, cell 2, line 4: '// BEGIN SOLUTION' has no '// END SOLUTION' after it. Fix: add '// END SOLUTION' where the region ends.", run.Stderr);
        Assert.False(File.Exists(dir.File("out/01-one.ipynb")));
    }

    [Fact]
    public void TheStudentEditionNeverOverwritesTheTeachersNotebook()
    {
        string notebook = Notebooks.Write(dir.File("01-one.ipynb"), Notebooks.Code(Exercise("    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION")));
        string before = File.ReadAllText(notebook);

        var run = RunnerCli.InProcess("export", "--student", notebook, "--out", dir.Path);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("would overwrite the teacher's: choose another --out folder", run.Stderr);
        Assert.Equal(before, File.ReadAllText(notebook));
    }

    [Fact]
    public void SiteAndStudentTogetherIsAUsageError()
    {
        var run = RunnerCli.InProcess("export", "--student", "--site", dir.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--site and --student do not go together", run.Stderr);
    }
}
