using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// The student edition of the real course (<c>export --student notebooks</c>), written once into a folder at the
/// repository's root (as the zip's README tells students: the notebooks load <c>../lib/...</c>), deleted afterwards.
/// </summary>
public sealed class StudentCourse : IDisposable
{
    public StudentCourse()
    {
        Folder = Path.Combine(TestPaths.RepoRoot, $".student-test-{Guid.NewGuid():N}"[..22]);
        Export = RunnerCli.InProcess("export", "--student", Path.Combine(TestPaths.RepoRoot, "notebooks"), "--out", Folder);
    }

    /// <summary>Where the student notebooks are (git-ignored: .student-test-*).</summary>
    public string Folder { get; }

    public RunnerCli.Outcome Export { get; }

    public string Notebook(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>
/// What CI proves about the two editions: the teacher's (notebooks/) passes every check in both engines, the student's
/// is valid, complete and stops at its first exercise with that exercise's message in the real kernel.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(HeavyCollection))]
public sealed partial class StudentEditionRunTests(CourseRuns runs, StudentCourse student, ITestOutputHelper output) : IClassFixture<StudentCourse>
{
    [GeneratedRegex(@"^// Exercise (?<id>[0-9]+[a-z]?\.[0-9]+): ")]
    private static partial Regex ExerciseLine();

    public static IEnumerable<TheoryDataRow<string>> CourseNotebooks() => NotebookTests.CourseNotebooks();

    static string Source(JsonNode? cell) => Notebooks.Text(cell!["source"]);

    /// <summary>The exercise ids of a notebook, in order: code cells that open with "// Exercise N.M: " and hold a solution.</summary>
    static List<string> ExerciseIds(string path) =>
        Notebooks.ReadCells(path).Select(Source).Where(s => s.Contains("// BEGIN SOLUTION", StringComparison.Ordinal))
            .Select(s => ExerciseLine().Match(s)).Where(m => m.Success).Select(m => m.Groups["id"].Value).ToList();

    static string Teacher(string notebook) => Path.Combine(TestPaths.RepoRoot, "notebooks", notebook);

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void EveryNotebookHasTwoOrMoreExercisesWhoseSolutionsTheStudentEditionReplacesByStubs(string notebook)
    {
        Assert.True(student.Export.ExitCode == 0, student.Export.ToString());
        var ids = ExerciseIds(Teacher(notebook));
        Assert.True(ids.Count >= 2, $"{notebook} has {ids.Count} self-checking exercise(s); every notebook needs at least two.");

        var teacherCells = Notebooks.ReadCells(Teacher(notebook));
        var studentCells = Notebooks.ReadCells(student.Notebook(notebook));
        Assert.Equal(teacherCells.Count, studentCells.Count);
        var stubs = new List<string>();
        for (int i = 0; i < teacherCells.Count; i++)
        {
            string before = Source(teacherCells[i]), after = Source(studentCells[i]);
            Assert.DoesNotContain("SOLUTION", after, StringComparison.Ordinal);
            if (!before.Contains("// BEGIN SOLUTION", StringComparison.Ordinal))
            {
                Assert.Equal(before, after);                                            // everything else as the teacher wrote it
                continue;
            }
            string id = ExerciseLine().Match(before).Groups["id"].Value;
            Assert.Matches($"\\n    throw new NotImplementedException\\(\"Exercise {Regex.Escape(id)}: [^\"]+\"\\);\\n}}$", after);
            stubs.Add(id);
        }
        Assert.Equal(ids, stubs);
        Assert.Contains($"{notebook}: {ids.Count} exercise(s) ({string.Join(", ", ids)}) stubbed", student.Export.Stdout);
    }

    [Fact]
    public void TheStudentEditionIsValidNbformatInPolyglotFormAndTheZipHoldsTheWholeCourse()
    {
        Assert.True(student.Export.ExitCode == 0, student.Export.ToString());
        var notebooks = CourseRuns.Notebooks();
        foreach (string notebook in notebooks)
            Assert.Equal(File.ReadAllText(student.Notebook(notebook)), Nbformat.ValidateAndRewrite(student.Notebook(notebook)));
        var check = RunnerCli.InProcess("check", student.Folder);                      // the source notebooks' own rules
        Assert.True(check.ExitCode == 0, check.ToString());

        using var zip = ZipFile.OpenRead(Path.Combine(student.Folder, "gan-notebooks-student.zip"));
        Assert.Equal(["student/README.md", .. notebooks.Select(n => $"student/{n}")], zip.Entries.Select(e => e.FullName));
        foreach (string notebook in notebooks)
        {
            using var reader = new StreamReader(zip.GetEntry($"student/{notebook}")!.Open());
            Assert.Equal(File.ReadAllText(student.Notebook(notebook)), reader.ReadToEnd());
        }
    }

    [Fact]
    public void EveryStubCompilesAndEveryCheckSaysNotDoneYetNamingItsExercise()
    {
        // Each student notebook cut to its setup and parameters cells and its Exercises section, each check wrapped so
        // that the run goes on past "not done yet": every stub is compiled and every check called, in one runner process
        // for the whole course (seconds, not the minutes that training every notebook again would take). The capstone's
        // checks read the trained `results`; a stand-in list with the same fields takes the training's place.
        string folder = Path.Combine(student.Folder, "cut");
        Directory.CreateDirectory(folder);
        foreach (string notebook in CourseRuns.Notebooks())
        {
            var nb = JsonNode.Parse(File.ReadAllText(student.Notebook(notebook)))!.AsObject();
            var cells = nb["cells"]!.AsArray().Select(c => c!.DeepClone().AsObject()).ToList();
            int parameters = cells.FindIndex(c => c["metadata"]?["tags"]?.ToJsonString().Contains("\"parameters\"", StringComparison.Ordinal) == true);
            int exercises = cells.FindLastIndex(c => (string?)c["cell_type"] == "markdown" && Source(c).StartsWith("## Exercises", StringComparison.Ordinal));
            Assert.True(parameters > 0 && exercises > parameters, $"{notebook}: no parameters cell, or no '## Exercises' section after it.");
            var kept = cells.Take(parameters + 1).ToList();
            if (notebook.StartsWith("10-", StringComparison.Ordinal))
                kept.Add(Notebooks.Code("var results = new List<(string Name, double Fid, double Seconds)> { (\"DCGAN\", 80.5, 10), (\"WGAN-GP\", 60.25, 35) };"));
            foreach (var cell in cells.Skip(exercises))
            {
                string source = Source(cell);
                if ((string?)cell["cell_type"] == "code" && source.StartsWith("Ch", StringComparison.Ordinal))
                    cell["source"] = $"try {{ {source} }} catch (GanNotebooks.Exercises.ExerciseException e) {{ Console.WriteLine(e.Message); }}";
                kept.Add(cell);
            }
            nb["cells"] = new JsonArray([.. kept]);
            nb["nbformat_minor"] = 4;                                                  // the stand-in cell has no id
            foreach (var cell in kept) cell.Remove("id");
            File.WriteAllText(Path.Combine(folder, notebook), nb.ToJsonString());
        }

        var run = RunnerCli.Process(TimeSpan.FromMinutes(15), ["run", folder, "--out", Path.Combine(folder, "out"), .. CourseRuns.QuickParameters]);

        output.WriteLine(run.Stdout);
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (string notebook in CourseRuns.Notebooks())
        {
            string printed = string.Concat(Notebooks.ReadCells(Path.Combine(folder, "out", notebook))
                .SelectMany(c => c!["outputs"]?.AsArray() ?? []).Select(o => Notebooks.Text(o!["text"])));
            var said = Regex.Matches(printed, @"not done yet — Exercise (\S+): ").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(ExerciseIds(Teacher(notebook)), said);
        }
    }

    [Theory]
    [InlineData("08-entropy.ipynb", true)]     // nothing trains: the cheapest notebook, in the real kernel
    [InlineData("03-lsgan.ipynb", true)]       // a training notebook: its training cells run, then the first exercise stops it
    [InlineData("08-entropy.ipynb", false)]    // the same stop in our runner
    public void TheStudentEditionRunsUpToItsFirstExerciseAndStopsThereWithItsMessage(string notebook, bool inKernel)
    {
        // Two notebooks, not eleven: each kernel run costs a kernel start and the notebook's quick training, and the
        // stubs of every notebook are compiled and called by EveryStubCompilesAndEveryCheckSaysNotDoneYetNamingItsExercise.
        string first = ExerciseIds(Teacher(notebook))[0];
        string outDir = Path.Combine(student.Folder, inKernel ? "kernel" : "runner");

        var run = RunnerCli.Process(TimeSpan.FromMinutes(15),
            ["run", student.Notebook(notebook), "--out", outDir, .. CourseRuns.QuickParameters, .. inKernel ? ["--kernel"] : Array.Empty<string>()]);

        output.WriteLine(run.ToString());
        Assert.Equal(1, run.ExitCode);
        var cells = Notebooks.ReadCells(Path.Combine(outDir, notebook));
        int exercise = cells.Select(Source).ToList().FindIndex(s => s.StartsWith($"// Exercise {first}: ", StringComparison.Ordinal));
        var check = cells[exercise + 1]!;
        var error = Assert.Single(check["outputs"]!.AsArray(), o => (string?)o!["output_type"] == "error")!;
        string message = $"not done yet — Exercise {first}: ";
        Assert.StartsWith(message, (string?)error["evalue"]);
        Assert.Matches($@"cell {exercise + 1}[,:] ", run.Stdout);   // source numbering: 1-based, not counting the injected parameters cell
        Assert.Contains(message, run.Stdout);
        string traceback = Assert.Single(error["traceback"]!.AsArray().Select(l => (string?)l))!;   // no stack trace, in either engine
        Assert.EndsWith((string?)error["evalue"]!, traceback);
        Assert.All(cells.Skip(exercise + 2), c => Assert.Empty(c!["outputs"]?.AsArray() ?? []));     // it stopped there
        Assert.DoesNotContain(cells.Take(exercise), c => c!["outputs"]?.AsArray().Any(o => (string?)o!["output_type"] == "error") == true);
    }

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void TheTeachersEditionPassesEveryCheckInTheRunnerAndInTheRealKernel(string notebook)
    {
        var ids = ExerciseIds(Teacher(notebook));
        foreach (var run in new[] { runs.Runner(notebook), runs.Kernel(notebook) })
        {
            Assert.True(run.Outcome.ExitCode == 0, run.Outcome.ToString());
            string printed = string.Concat(Notebooks.ReadCells(run.ExecutedPath)
                .SelectMany(c => c!["outputs"]?.AsArray() ?? []).Select(o => Notebooks.Text(o!["text"])));
            Assert.Equal(ids, Regex.Matches(printed, @"✓ Exercise (\S+) correct").Select(m => m.Groups[1].Value));
        }
    }
}
