using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.IO;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Export;

/// <summary>
/// The student edition of a course notebook (nbgrader's idea, in C# comments). The source notebooks are the teacher's
/// edition; in the student's:
/// <list type="bullet">
/// <item>every solution region — the lines from <c>// BEGIN SOLUTION</c> to <c>// END SOLUTION</c>, markers included —
/// becomes one line, <c>throw new NotImplementedException("Exercise 3.2: the LSGAN generator loss");</c>, indented like
/// the BEGIN marker. The exercise is named by the cell's first line, which must read <c>// Exercise 3.2: title</c>;
/// so a region must be a whole method body (a function the student completes), where a <c>throw</c> always compiles;</item>
/// <item>every hidden-tests region (<c>// BEGIN HIDDEN TESTS</c> … <c>// END HIDDEN TESTS</c>) is removed, and a cell
/// left empty by that goes;</item>
/// <item>outputs and execution counts are cleared.</item>
/// </list>
/// A marker must stand alone on its line. A malformed region (a BEGIN without its END, an END without a BEGIN, nested
/// regions, a region in a cell without the exercise line, a line that mentions a marker without being one) is an
/// <see cref="InvalidDataException"/> that names the notebook, the cell and the line: nothing is written then, so no
/// solution can leak through a typo.
/// </summary>
public static partial class StudentEdition
{
    /// <summary>Opens a solution region.</summary>
    public const string BeginSolution = "// BEGIN SOLUTION";

    /// <summary>Closes a solution region.</summary>
    public const string EndSolution = "// END SOLUTION";

    /// <summary>Opens a region of tests the student does not see.</summary>
    public const string BeginHiddenTests = "// BEGIN HIDDEN TESTS";

    /// <summary>Closes a hidden-tests region.</summary>
    public const string EndHiddenTests = "// END HIDDEN TESTS";

    /// <summary>The folder the course zip holds the student notebooks in (unzipped at a clone's root: next to notebooks/ and lib/).</summary>
    public const string ZipFolder = "student";

    /// <summary>The course zip's file name.</summary>
    public const string ZipFile = "gan-notebooks-student.zip";

    [GeneratedRegex(@"^//\s*Exercise\s+(?<id>[0-9]+[a-z]?\.[0-9]+)\s*:\s*(?<title>\S.*?)\s*$")]
    private static partial Regex ExerciseLine();

    /// <summary>What <see cref="Convert"/> did to one notebook.</summary>
    /// <param name="Exercises">The exercise ids whose solutions became stubs, in order.</param>
    /// <param name="HiddenTestRegions">Hidden-tests regions removed.</param>
    public sealed record Result(IReadOnlyList<string> Exercises, int HiddenTestRegions);

    /// <summary>Turns <paramref name="notebook"/> (parsed by <see cref="JupyterJson"/>) into its student edition, in place.</summary>
    /// <param name="notebook">A teacher's-edition notebook.</param>
    /// <param name="source">Names the notebook in error messages.</param>
    /// <exception cref="InvalidDataException">A malformed region; the message says where and how to fix it.</exception>
    public static Result Convert(JsonObject notebook, string source)
    {
        var cells = notebook["cells"]!.AsArray();
        var exercises = new List<string>();
        int hidden = 0;
        var emptied = new List<JsonNode>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell) continue;
            string text = cell["source"] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
            string where = $"{source}, cell {i + 1}";
            if (cell["cell_type"]?.GetValue<string>() != "code") continue;
            var (stubbed, ids, hiddenRegions) = ConvertCode(text, where);
            exercises.AddRange(ids);
            hidden += hiddenRegions;
            if (hiddenRegions > 0 && stubbed.Trim().Length == 0) emptied.Add(cell);
            cell["source"] = stubbed;
            cell["outputs"] = new JsonArray();
            cell["execution_count"] = null;
        }
        foreach (var cell in emptied) cells.Remove(cell);
        return new Result(exercises, hidden);
    }

    /// <summary>One code cell's source with its solutions stubbed and hidden tests removed.</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="where">"notebook, cell N", for error messages.</param>
    /// <returns>The new source, the exercise id once per solution region, and the number of hidden-tests regions removed.</returns>
    /// <exception cref="InvalidDataException">A malformed region.</exception>
    public static (string Source, IReadOnlyList<string> Exercises, int HiddenRegions) ConvertCode(string code, string where)
    {
        string[] lines = code.Split('\n');
        var output = new StringBuilder();
        var exercises = new List<string>();
        int hidden = 0;
        string? open = null;      // the marker of the open region
        int openedAt = 0;
        (string Id, string Title)? exercise = null;
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n], trimmed = line.Trim();
            bool last = n == lines.Length - 1;
            string? marker = Marker(trimmed, where, n + 1);
            if (marker is BeginSolution or BeginHiddenTests)
            {
                if (open is not null)
                    throw Malformed(where, n + 1, $"'{marker}' inside the region that '{open}' opened at line {openedAt}", $"close that region with '{Closing(open)}' first");
                open = marker;
                openedAt = n + 1;
                if (marker == BeginSolution)
                {
                    exercise ??= ExerciseOf(lines, where, n + 1);
                    string indent = line[..(line.Length - line.TrimStart().Length)];
                    output.Append(indent).Append(CultureInfo.InvariantCulture, $"throw new NotImplementedException(\"Exercise {exercise.Value.Id}: {Escape(exercise.Value.Title)}\");");
                    exercises.Add(exercise.Value.Id);
                    if (!last) output.Append('\n');
                }
                continue;
            }
            if (marker is EndSolution or EndHiddenTests)
            {
                if (open != Opening(marker))
                    throw Malformed(where, n + 1, open is null ? $"'{marker}' without a '{Opening(marker)}' before it" : $"'{marker}' closes the region that '{open}' opened at line {openedAt}",
                        open is null ? $"add '{Opening(marker)}' where the region starts, or delete this line" : $"close it with '{Closing(open)}'");
                if (marker == EndHiddenTests) hidden++;
                open = null;
                continue;
            }
            if (open is not null) continue;                       // inside a region: dropped
            output.Append(line);
            if (!last) output.Append('\n');
        }
        if (open is not null)
            throw Malformed(where, openedAt, $"'{open}' has no '{Closing(open)}' after it", $"add '{Closing(open)}' where the region ends");
        string result = output.ToString();
        // A removed region at the end leaves the newline of the line before it: keep the cell's own ending.
        if (!code.EndsWith('\n')) result = result.TrimEnd('\n');
        return (result, exercises, hidden);
    }

    /// <summary>
    /// Writes the student edition of each of <paramref name="notebooks"/> to <paramref name="outDir"/> (same file
    /// names, atomically), and with more than one notebook also <see cref="ZipFile"/> there: the notebooks under
    /// <see cref="ZipFolder"/>/ with a README saying how to open them. Every notebook is converted before anything is
    /// written, so a malformed region leaves no partial course behind.
    /// </summary>
    /// <param name="notebooks">Teacher's-edition notebooks (the source notebooks).</param>
    /// <param name="outDir">Where to write; created if needed.</param>
    /// <param name="normalize">The canonical form the runner's <c>format</c> verb applies (then <see cref="Notebook.Serialize"/>).</param>
    /// <param name="log">Progress lines, one per notebook.</param>
    /// <returns>The written notebooks, and the zip (null for a single notebook).</returns>
    /// <exception cref="InvalidDataException">A notebook is not nbformat 4, or has a malformed region.</exception>
    /// <exception cref="FileNotFoundException">A notebook does not exist.</exception>
    public static (IReadOnlyList<string> Notebooks, string? Zip) Write(IReadOnlyList<string> notebooks, string outDir,
        Action<Notebook>? normalize = null, TextWriter? log = null)
    {
        if (notebooks.Count == 0) throw new ArgumentException("The student edition needs at least one notebook.", nameof(notebooks));
        var converted = new List<(string Name, string Text)>();
        foreach (string path in notebooks)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"Cannot make the student edition of '{path}': the file does not exist.", path);
            var notebook = Notebook.Load(path);
            var result = Convert(notebook.Json, path);
            normalize?.Invoke(notebook);
            converted.Add((Path.GetFileName(path), notebook.Serialize()));
            log?.WriteLine($"  {Path.GetFileName(path)}: {Describe(result)}");
        }
        var duplicate = converted.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two notebooks are named '{duplicate.Key}'; the student edition has one file per name.");
        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        foreach (var (name, text) in converted)
        {
            string target = Path.Combine(outDir, name);
            if (Path.GetFullPath(target) == Path.GetFullPath(notebooks[written.Count]))
                throw new ArgumentException($"The student edition of '{notebooks[written.Count]}' would overwrite the teacher's: choose another --out folder.");
            JupyterJson.SaveSerialized(target, text);
            written.Add(target);
        }
        if (converted.Count == 1) return (written, null);
        string zip = Path.Combine(outDir, ZipFile);
        AtomicFile.Write(zip, stream => WriteZip(stream, converted));
        return (written, zip);
    }

    static string Describe(Result r) =>
        (r.Exercises.Count == 0 ? "no exercises" : $"{r.Exercises.Distinct().Count()} exercise(s) ({string.Join(", ", r.Exercises.Distinct())}) stubbed")
        + (r.HiddenTestRegions > 0 ? $", {r.HiddenTestRegions} hidden-tests region(s) removed" : "");

    static void WriteZip(Stream stream, IReadOnlyList<(string Name, string Text)> notebooks)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var stamp = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);   // fixed: the same course gives the same bytes
        void Add(string name, string text)
        {
            var entry = archive.CreateEntry($"{ZipFolder}/{name}", CompressionLevel.Optimal);
            entry.LastWriteTime = stamp;
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            writer.Write(text);
        }
        Add("README.md", Readme(notebooks.Select(n => n.Name)));
        foreach (var (name, text) in notebooks) Add(name, text);
    }

    /// <summary>The README inside the zip: what this is and how a student opens it.</summary>
    public static string Readme(IEnumerable<string> notebooks) => $"""
        # GanNotebooks: the student edition

        These are the course's notebooks with the solutions of the exercises taken out. At the end of each notebook,
        every exercise is a function whose body reads `throw new NotImplementedException("Exercise 3.2: …")`: replace
        that line with your code, run the cell, then run the check cell below it. The check says
        "✓ Exercise 3.2 correct", or what is wrong and which mistake it looks like; until you have written the
        function it says "not done yet — Exercise 3.2".

        The notebooks need the course's library and data folder, which live in the GanNotebooks repository:

        1. Clone or download the repository (the course site and your teacher link it).
        2. Unzip this file at the repository's root, so that this folder is `{ZipFolder}/`, next to `notebooks/` and
           `lib/` (the notebooks load `../lib/GanNotebooks/bin/Release/net8.0/GanNotebooks.dll`).
        3. Build the library once: `dotnet build lib/GanNotebooks -c Release`.
        4. Open `{ZipFolder}/01-basic-gan.ipynb` in VS Code with the Polyglot Notebooks extension, or in Jupyter with
           the .NET Interactive kernel (the repository's README.md, "Open the course", says how to set either up).

        The notebooks: {string.Join(", ", notebooks)}.

        """;

    static string? Marker(string trimmed, string where, int line)
    {
        foreach (string marker in (string[])[BeginSolution, EndSolution, BeginHiddenTests, EndHiddenTests])
            if (trimmed == marker) return marker;
        foreach (string word in (string[])["BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"])
            if (trimmed.Contains(word, StringComparison.OrdinalIgnoreCase))
                throw Malformed(where, line, $"'{trimmed}' mentions '{word}' but is not the marker line '// {word}'",
                    $"write the marker alone on its line, exactly '// {word}'");
        return null;
    }

    static (string Id, string Title) ExerciseOf(string[] lines, string where, int line)
    {
        string first = lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        var match = ExerciseLine().Match(first);
        if (!match.Success)
            throw Malformed(where, line, $"a solution region in a cell that does not start with an exercise line (it starts '{first}')",
                "make the cell's first line '// Exercise 3.2: what the student writes' (the stub's message names it)");
        return (match.Groups["id"].Value, match.Groups["title"].Value);
    }

    static string Opening(string marker) => marker == EndSolution ? BeginSolution : BeginHiddenTests;

    static string Closing(string marker) => marker == BeginSolution ? EndSolution : EndHiddenTests;

    static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    static InvalidDataException Malformed(string where, int line, string what, string fix) =>
        new($"{where}, line {line}: {what}. Fix: {fix}. (No student edition was written.)");
}
