using GanNotebooks.Runner.Ipynb;

namespace GanNotebooks.Runner;

/// <summary>
/// The command line: <c>run</c>, <c>export</c>, <c>check</c> and <c>format</c> (see <see cref="Usage"/>). Exit codes: 0 success,
/// 1 a notebook failed or has problems, 2 the command line is wrong.
/// </summary>
public static class Cli
{
    /// <summary>The help text.</summary>
    public const string Usage = """
        usage:
          GanNotebooks.Runner run <notebook.ipynb | folder> [--out DIR] [--param name=value]... [--html] [--kernel]
              Executes the notebook's C# cells in order, as the Polyglot Notebooks C# kernel would, and writes
              DIR/<name>.ipynb with the outputs (DIR defaults to rendered/). A folder runs every notebook in it, in
              name order. --param overrides a default of the cell tagged 'parameters'; --html also writes DIR/<name>.html.
              --kernel runs it in the real .NET Interactive kernel through Jupyter's nbclient (bash tools/kernel-setup.sh).
          GanNotebooks.Runner export <executed.ipynb | folder> [--out DIR] [--site]
              HTML from notebooks executed by this runner or by the .NET Interactive kernel (VS Code, Jupyter):
              one self-contained page per notebook (in DIR, default: the notebook's folder), or with --site a site
              in DIR (default site/): a page per notebook, index.html, one shared assets/ folder; works offline.
          GanNotebooks.Runner export --student <notebook.ipynb | folder> [--out DIR]
              The student edition of source notebooks in DIR (default rendered/student/): every region between
              // BEGIN SOLUTION and // END SOLUTION becomes throw new NotImplementedException("Exercise N.M: ..."),
              hidden tests (// BEGIN HIDDEN TESTS ... // END HIDDEN TESTS) and outputs go. A folder also gives
              DIR/gan-notebooks-student.zip, the whole student course.
          GanNotebooks.Runner check [paths]
              Checks that source notebooks are clean (no outputs) and in VS Code Polyglot Notebooks' normal form.
          GanNotebooks.Runner format [paths]
              Rewrites notebooks into that form. Paths are notebooks or folders (default: notebooks/).
        """;

    /// <summary>Runs <paramref name="args"/>, writing progress to <paramref name="stdout"/> and problems to <paramref name="stderr"/>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "run" => RunVerb(args[1..], stdout),
                "export" => ExportCommand.Run(args[1..], stdout),
                "check" => CheckVerb(args[1..], stdout),
                "format" => FormatVerb(args[1..], stdout),
                "-h" or "--help" or "help" => Help(stdout),
                null => UsageError(stderr, "no command given."),
                var other => UsageError(stderr, $"unknown command '{other}'."),
            };
        }
        catch (UsageException e)
        {
            return UsageError(stderr, e.Message);
        }
        catch (NotebookException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message} (check the path and its permissions).");
            return 1;
        }
    }

    static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return 0;
    }

    static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }

    static int RunVerb(string[] args, TextWriter stdout)
    {
        var (paths, options) = ParseRun(args);
        options = options with { TerminalProgress = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected };
        var results = new List<RunResult>();
        foreach (string notebook in Expand(paths))
            results.Add(NotebookRunner.Run(options with { NotebookPath = notebook, Log = stdout }));
        if (results.Count > 1)
        {
            int failed = results.Count(r => !r.Succeeded);
            stdout.WriteLine($"summary: {results.Count - failed} of {results.Count} notebooks ran; " +
                             (failed == 0 ? "all good." : "failed: " + string.Join(", ", results.Where(r => !r.Succeeded).Select(r => Path.GetFileName(r.NotebookPath)))));
        }
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    static (List<string> Paths, RunOptions Options) ParseRun(string[] args)
    {
        var paths = new List<string>();
        var parameters = new List<KeyValuePair<string, string>>();
        var options = new RunOptions("");
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out": options = options with { OutDir = Value(args, ref i) }; break;
                case "--html": options = options with { Html = true }; break;
                case "--kernel": options = options with { InKernel = true }; break;
                case "--param": parameters.Add(ParseParameter(Value(args, ref i))); break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): throw new UsageException($"unknown option '{a}'.");
                default: paths.Add(args[i]); break;
            }
        }
        if (paths.Count != 1) throw new UsageException(paths.Count == 0 ? "run needs a notebook or a folder." : "run takes one notebook or folder.");
        return (paths, options with { Parameters = parameters });
    }

    internal static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new UsageException($"{args[i - 1]} needs a value.");

    static KeyValuePair<string, string> ParseParameter(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new UsageException($"--param {text}: write --param name=value.");
        return new(text[..eq].Trim(), text[(eq + 1)..]);
    }

    static int CheckVerb(string[] args, TextWriter stdout)
    {
        var notebooks = Expand(DefaultPaths(args));
        var problems = notebooks.SelectMany(NotebookChecker.Check).ToList();
        foreach (var problem in problems) stdout.WriteLine(problem);
        stdout.WriteLine(problems.Count == 0
            ? $"check: {notebooks.Count} notebook(s) clean."
            : $"check: {problems.Count} problem(s) in {problems.Select(p => p.File).Distinct().Count()} of {notebooks.Count} notebook(s).");
        return problems.Count == 0 ? 0 : 1;
    }

    static int FormatVerb(string[] args, TextWriter stdout)
    {
        var notebooks = Expand(DefaultPaths(args));
        var remaining = new List<NotebookProblem>();
        foreach (string notebook in notebooks)
        {
            var (changed, left) = NotebookChecker.Format(notebook);
            stdout.WriteLine($"{(changed ? "formatted" : "unchanged")}: {notebook}");
            remaining.AddRange(left);
        }
        foreach (var problem in remaining) stdout.WriteLine($"still to fix by hand: {problem}");
        return remaining.Count == 0 ? 0 : 1;
    }

    static IEnumerable<string> DefaultPaths(string[] args)
    {
        if (args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal)) is { } option)
            throw new UsageException($"unknown option '{option}'.");
        return args.Length > 0 ? args : ["notebooks"];
    }

    /// <summary>Notebooks named directly, and the *.ipynb files of folders, in name order.</summary>
    internal static List<string> Expand(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.ipynb").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new NotebookException($"no .ipynb files in {path}.");
                result.AddRange(found);
            }
            else if (File.Exists(path)) result.Add(path);
            else throw new NotebookException($"{path}: no such notebook or folder.");
        }
        return result;
    }

    internal sealed class UsageException(string message) : Exception(message);
}
