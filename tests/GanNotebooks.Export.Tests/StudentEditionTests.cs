using System.IO.Compression;
using System.Text.Json.Nodes;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Export.Tests;

/// <summary>
/// The student edition's rule, on cell sources: a solution region becomes a throw naming the exercise, hidden tests
/// go, and every malformed region is an error that says where and what to do. (The real course through the CLI, with
/// nbformat and both engines as judges, is in the Runner tests' StudentEditionRunTests.)
/// </summary>
public class StudentEditionTests
{
    const string Exercise = """
        // Exercise 3.2: the LSGAN generator loss
        Tensor LossG(Tensor dFake)
        {
            // BEGIN SOLUTION
            var error = dFake - 1;
            return 0.5 * error.square().mean();
            // END SOLUTION
        }
        """;

    static InvalidDataException Rejected(string code) => Assert.Throws<InvalidDataException>(() => StudentEdition.ConvertCode(code, "nb.ipynb, cell 7"));

    [Fact]
    public void ASolutionRegionBecomesOneThrowNamingTheExerciseIndentedLikeItsMarker()
    {
        var (source, exercises, hidden) = StudentEdition.ConvertCode(Exercise, "nb.ipynb, cell 7");

        Assert.Equal("""
            // Exercise 3.2: the LSGAN generator loss
            Tensor LossG(Tensor dFake)
            {
                throw new NotImplementedException("Exercise 3.2: the LSGAN generator loss");
            }
            """, source);
        Assert.Equal(["3.2"], exercises);
        Assert.Equal(0, hidden);
    }

    [Fact]
    public void HiddenTestsGoAndCodeOutsideRegionsStays()
    {
        string code = "Ch03.Check(LossG);\n// BEGIN HIDDEN TESTS\nAssert(LossG(x) == 1);\n// END HIDDEN TESTS\nConsole.WriteLine(\"done\");\n";

        var (source, exercises, hidden) = StudentEdition.ConvertCode(code, "nb.ipynb, cell 8");

        Assert.Equal("Ch03.Check(LossG);\nConsole.WriteLine(\"done\");\n", source);
        Assert.Empty(exercises);
        Assert.Equal(1, hidden);
    }

    [Fact]
    public void TwoRegionsInOneCellBothNameTheCellsExerciseAndTitlesAreEscaped()
    {
        string code = "// Exercise 4b.1: count \"modes\"\nint A()\n{\n    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION\n}\nint B()\n{\n  // BEGIN SOLUTION\n  return 2;\n  // END SOLUTION\n}";

        var (source, exercises, _) = StudentEdition.ConvertCode(code, "nb.ipynb, cell 3");

        Assert.Equal(["4b.1", "4b.1"], exercises);
        Assert.Contains("    throw new NotImplementedException(\"Exercise 4b.1: count \\\"modes\\\"\");\n}\nint B()", source);
        Assert.EndsWith("  throw new NotImplementedException(\"Exercise 4b.1: count \\\"modes\\\"\");\n}", source);
    }

    [Fact]
    public void ABeginWithoutItsEndIsAnErrorNamingTheCellAndLine() =>
        Assert.Equal("nb.ipynb, cell 7, line 4: '// BEGIN SOLUTION' has no '// END SOLUTION' after it. Fix: add '// END SOLUTION' where the region ends. (No student edition was written.)",
            Rejected(Exercise.Replace("    // END SOLUTION\n", "")).Message);

    [Fact]
    public void AnEndWithoutABeginIsAnError() =>
        Assert.Contains("line 6: '// END SOLUTION' without a '// BEGIN SOLUTION' before it", Rejected(Exercise.Replace("    // BEGIN SOLUTION\n", "")).Message);

    [Fact]
    public void NestedRegionsAreAnError() =>
        Assert.Contains("line 5: '// BEGIN HIDDEN TESTS' inside the region that '// BEGIN SOLUTION' opened at line 4",
            Rejected(Exercise.Replace("    var error", "    // BEGIN HIDDEN TESTS\n    var error")).Message);

    [Fact]
    public void ARegionWithoutAnExerciseLineIsAnError()
    {
        var e = Rejected(Exercise.Replace("// Exercise 3.2: the LSGAN generator loss", "// the LSGAN generator loss"));

        Assert.Contains("a solution region in a cell that does not start with an exercise line (it starts '// the LSGAN generator loss')", e.Message);
        Assert.Contains("'// Exercise 3.2: what the student writes'", e.Message);
    }

    [Theory]
    [InlineData("    //BEGIN SOLUTION")]
    [InlineData("    // begin solution")]
    [InlineData("    return 1; // END SOLUTION")]
    public void AMisspeltMarkerIsAnErrorRatherThanALeakedSolution(string line)
    {
        var e = Rejected(Exercise.Replace("    // BEGIN SOLUTION", line));

        Assert.Contains("is not the marker line", e.Message);
    }

    [Fact]
    public void ConvertClearsOutputsAndDropsACellThatHeldOnlyHiddenTests()
    {
        var notebook = JupyterJson.Parse("""
            {"cells": [
              {"cell_type": "markdown", "metadata": {}, "source": "## Exercises"},
              {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [{"output_type": "stream", "name": "stdout", "text": "0.1625"}],
               "source": "// Exercise 3.2: the LSGAN generator loss\nTensor LossG(Tensor d)\n{\n    // BEGIN SOLUTION\n    return d;\n    // END SOLUTION\n}"},
              {"cell_type": "code", "execution_count": 4, "metadata": {}, "outputs": [], "source": "// BEGIN HIDDEN TESTS\nsecret();\n// END HIDDEN TESTS\n"}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);

        var result = StudentEdition.Convert(notebook, "nb.ipynb");

        var cells = notebook["cells"]!.AsArray();
        Assert.Equal(2, cells.Count);
        Assert.Empty(cells[1]!["outputs"]!.AsArray());
        Assert.Null(cells[1]!["execution_count"]);
        Assert.DoesNotContain("return d;", (string)cells[1]!["source"]!);
        Assert.Equal(["3.2"], result.Exercises);
        Assert.Equal(1, result.HiddenTestRegions);
    }

    [Fact]
    public void AMalformedNotebookInAFolderWritesNothing()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gan-student-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            string good = Path.Combine(dir, "01-good.ipynb"), bad = Path.Combine(dir, "02-bad.ipynb");
            File.WriteAllText(good, NotebookWith(Exercise));
            File.WriteAllText(bad, NotebookWith(Exercise.Replace("    // END SOLUTION\n", "")));
            string outDir = Path.Combine(dir, "out");

            var e = Assert.Throws<InvalidDataException>(() => StudentEdition.Write([good, bad], outDir));

            Assert.StartsWith($"{bad}, cell 1, line 4:", e.Message);
            Assert.False(Directory.Exists(outDir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheZipHoldsTheStudentNotebooksAndAReadmeUnderStudent()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gan-student-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            string a = Path.Combine(dir, "01-a.ipynb"), b = Path.Combine(dir, "02-b.ipynb");
            File.WriteAllText(a, NotebookWith(Exercise));
            File.WriteAllText(b, NotebookWith(Exercise.Replace("3.2", "3.3", StringComparison.Ordinal)));

            var (written, zip) = StudentEdition.Write([a, b], Path.Combine(dir, "out"));

            Assert.Equal(2, written.Count);
            using var archive = ZipFile.OpenRead(zip!);
            Assert.Equal(["student/README.md", "student/01-a.ipynb", "student/02-b.ipynb"], archive.Entries.Select(e => e.FullName));
            using var reader = new StreamReader(archive.GetEntry("student/02-b.ipynb")!.Open());
            string text = reader.ReadToEnd();
            Assert.Equal(File.ReadAllText(written[1]), text);
            Assert.Contains("throw new NotImplementedException(\\\"Exercise 3.3: the LSGAN generator loss\\\");", text);
            Assert.DoesNotContain("BEGIN SOLUTION", text);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static string NotebookWith(string code) => JupyterJson.Serialize(new JsonObject
    {
        ["cells"] = new JsonArray(new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["source"] = code,
        }),
        ["metadata"] = new JsonObject(),
        ["nbformat"] = 4,
        ["nbformat_minor"] = 4,
    });
}
