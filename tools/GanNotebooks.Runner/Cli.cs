using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using GanNotebooks.Runner.Checks;
using GanNotebooks.Runner.Engines;
using GanNotebooks.Runner.Run;

namespace GanNotebooks.Runner;

/// <summary>
/// The command line: <c>run</c>, <c>export</c>, <c>check</c> and <c>format</c> (see <see cref="Usage"/>), parsed by
/// System.CommandLine, which also gives every verb its <c>--help</c>. Exit codes: 0 success, 1 a notebook failed or has
/// problems, 2 the command line is wrong (the message and <see cref="Usage"/> on stderr), 130 Ctrl+C stopped a run.
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
              Ctrl+C stops the running cell as the stop button does (a training loop ends at its next step), writes
              the executed notebook with everything so far and exits with 130; a second Ctrl+C quits at once.
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
            switch (args.FirstOrDefault())
            {
                case null: return UsageError(stderr, "no command given.");
                case "-h" or "--help" or "help": return Help(stdout);
            }
            var root = Commands(stdout);
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }); // '@' is a path here
            if (parse.Errors.Count > 0) return UsageError(stderr, Describe(parse, root));
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
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

    /// <summary>The verbs, each with its options and <c>--help</c> (System.CommandLine's, from the descriptions here).</summary>
    static Command Commands(TextWriter stdout)
    {
        var root = new Command("GanNotebooks.Runner", "Runs, checks, formats and exports the course's notebooks.")
        {
            TreatUnmatchedTokensAsErrors = true,
        };
        root.Subcommands.Add(RunCommand(stdout));
        root.Subcommands.Add(ExportCommand.Create(stdout));
        root.Subcommands.Add(PathsCommand("check", "Checks that source notebooks are clean (no outputs) and in VS Code Polyglot " +
            "Notebooks' normal form.", paths => CheckVerb(paths, stdout)));
        root.Subcommands.Add(PathsCommand("format", "Rewrites notebooks into VS Code Polyglot Notebooks' normal form (what check checks).", paths => FormatVerb(paths, stdout)));
        foreach (var verb in root.Subcommands) verb.Options.Add(new HelpOption());
        return root;
    }

    /// <summary>The paths of a verb: any number as far as the parser is concerned; each verb checks how many it takes, so
    /// that the messages stay its own (and an unknown option, which the parser takes for a path, is reported as one).</summary>
    internal static Argument<string[]> PathsArgument(string name, string description) =>
        new(name) { Arity = ArgumentArity.ZeroOrMore, Description = description };

    /// <summary><paramref name="paths"/> with no unknown option among them.</summary>
    internal static string[] Paths(string[] paths) =>
        paths.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal)) is { } option
            ? throw new UsageException($"unknown option '{option}'.")
            : paths;

    /// <summary>What is wrong with a command line the parser rejected, in the runner's own words.</summary>
    static string Describe(ParseResult parse, Command root)
    {
        var error = parse.Errors[0];
        if (parse.CommandResult.Command == root)
            return parse.UnmatchedTokens is [{ } token, ..] ? $"unknown command '{token}'." : error.Message;
        if (error.SymbolResult is OptionResult option) return $"{option.Option.Name} needs a value.";
        return error.Message;
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

    static Command RunCommand(TextWriter stdout)
    {
        var paths = PathsArgument("notebook", "A notebook (.ipynb), or a folder: every notebook in it, in name order.");
        var outDir = new Option<string>("--out") { HelpName = "DIR", Description = "Where DIR/<name>.ipynb goes (default: rendered/)." };
        var param = new Option<string[]>("--param")
        {
            HelpName = "name=value", Description = "Overrides a default of the cell tagged 'parameters' (repeatable).",
        };
        var html = new Option<bool>("--html") { Description = "Also writes DIR/<name>.html." };
        var kernel = new Option<bool>("--kernel")
        {
            Description = "Runs it in the real .NET Interactive kernel through Jupyter's nbclient (bash tools/kernel-setup.sh).",
        };
        var run = new Command("run", "Executes the notebook's C# cells in order, as the Polyglot Notebooks C# kernel would, " +
            "and writes DIR/<name>.ipynb with the outputs.") { paths, outDir, param, html, kernel };
        run.SetAction(p =>
        {
            string[] given = Paths(p.GetValue(paths) ?? []);
            var parameters = (p.GetValue(param) ?? []).Select(ParseParameter).ToList();
            if (given.Length != 1) throw new UsageException(given.Length == 0 ? "run needs a notebook or a folder." : "run takes one notebook or folder.");
            var options = new RunOptions("") { Html = p.GetValue(html), InKernel = p.GetValue(kernel), Parameters = parameters };
            if (p.GetValue(outDir) is string dir) options = options with { OutDir = dir };
            return RunVerb(given, options, stdout);
        });
        return run;
    }

    static Command PathsCommand(string name, string description, Func<string[], int> verb)
    {
        var paths = PathsArgument("paths", "Notebooks or folders (default: notebooks/).");
        var command = new Command(name, description) { paths };
        command.SetAction(p => verb(Paths(p.GetValue(paths) ?? [])));
        return command;
    }

    /// <summary>Exit code of a run that Ctrl+C stopped (128 + SIGINT, as shells report it).</summary>
    public const int StoppedExitCode = 130;

    static int RunVerb(IEnumerable<string> paths, RunOptions options, TextWriter stdout)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            if (stop.IsCancellationRequested) return;          // the second Ctrl+C: quit at once
            e.Cancel = true;
            stop.Cancel();
            stdout.WriteLine();
            stdout.WriteLine("stopping: the running cell ends at its next training step, then the executed notebook is written (Ctrl+C again quits at once).");
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            options = options with
            {
                TerminalProgress = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
                Stop = stop.Token,
            };
            return RunNotebooks(paths, options, stdout);
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    static int RunNotebooks(IEnumerable<string> paths, RunOptions options, TextWriter stdout)
    {
        var results = new List<RunResult>();
        foreach (string notebook in Expand(paths))
        {
            results.Add(NotebookRunner.Run(options with { NotebookPath = notebook, Log = stdout }));
            if (results[^1].Stopped) return StoppedExitCode;       // Ctrl+C: the next notebooks do not start
        }
        if (results.Count > 1)
        {
            int failed = results.Count(r => !r.Succeeded);
            stdout.WriteLine($"summary: {results.Count - failed} of {results.Count} notebooks ran; " +
                             (failed == 0 ? "all good." : "failed: " + string.Join(", ", results.Where(r => !r.Succeeded).Select(r => Path.GetFileName(r.NotebookPath)))));
        }
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    static KeyValuePair<string, string> ParseParameter(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new UsageException($"--param {text}: write --param name=value.");
        return new(text[..eq].Trim(), text[(eq + 1)..]);
    }

    static int CheckVerb(string[] paths, TextWriter stdout)
    {
        var notebooks = Expand(DefaultPaths(paths));
        var problems = notebooks.SelectMany(NotebookChecker.Check).ToList();
        foreach (var problem in problems) stdout.WriteLine(problem);
        stdout.WriteLine(problems.Count == 0
            ? $"check: {notebooks.Count} notebook(s) clean."
            : $"check: {problems.Count} problem(s) in {problems.Select(p => p.File).Distinct().Count()} of {notebooks.Count} notebook(s).");
        return problems.Count == 0 ? 0 : 1;
    }

    static int FormatVerb(string[] paths, TextWriter stdout)
    {
        var notebooks = Expand(DefaultPaths(paths));
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

    static string[] DefaultPaths(string[] paths) => paths.Length > 0 ? paths : ["notebooks"];

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
