using System.Reflection;
using System.Text.RegularExpressions;

namespace GanNotebooks.Runner.Engines.Roslyn;

/// <summary>A problem on one line of a cell's source (1-based line).</summary>
internal sealed record CellProblem(int Line, string Message);

/// <summary>
/// A code cell after the Polyglot directives were taken out: the C# handed to Roslyn (directive lines blanked, so line
/// numbers stay those of the cell), what the directives asked for, and what was wrong with them.
/// </summary>
internal sealed record PreparedCell(
    string Code, bool Skip, bool Timed, IReadOnlyList<Assembly> References, IReadOnlyList<CellProblem> Problems)
{
    /// <summary>A cell that is not C# to run (a <c>#!markdown</c> cell, or one of the Markdown kernel).</summary>
    public static readonly PreparedCell Skipped = new("", Skip: true, Timed: false, References: [], Problems: []);

    /// <summary>A cell the runner cannot run at all, for <paramref name="problem"/>.</summary>
    public static PreparedCell Rejected(CellProblem problem) => new("", Skip: false, Timed: false, References: [], Problems: [problem]);
}

/// <summary>
/// Reads the Polyglot Notebooks directives the kernel understood: <c>#!csharp</c>, <c>#!time</c>, <c>#!markdown</c>,
/// <c>#r "nuget: Name, Version"</c>, <c>#i "nuget: source"</c> and <c>#r "path.dll"</c>.
/// </summary>
internal static partial class CellSource
{
    /// <summary>File name of the course library: a <c>#r</c> of it means the copy the runner already loaded.</summary>
    public const string LibraryFileName = "GanNotebooks.dll";

    static readonly string[] CSharpKernelAliases = ["csharp", "c#", "cs"];

    [GeneratedRegex(@"^\s*#!(?<name>\S+)")]
    private static partial Regex Magic();

    [GeneratedRegex(@"^\s*#(?<kind>[ri])\s+""(?<arg>[^""]*)""\s*(//.*)?$")]
    private static partial Regex ReferenceDirective();

    [GeneratedRegex(@"^nuget\s*:\s*(?<name>[^,\s]+)\s*(,\s*(?<version>\S+)\s*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex NuGet();

    public static PreparedCell Prepare(string source, PackageCatalog catalog)
    {
        string[] lines = source.Split('\n');
        var problems = new List<CellProblem>();
        var references = new List<Assembly>();
        bool timed = false, skip = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            bool blank;
            if (Magic().Match(line) is { Success: true } magic)
            {
                blank = true;
                string name = magic.Groups["name"].Value;
                if (name == "time") timed = true;
                else if (name == "markdown" && IsFirstLine(lines, i)) skip = true;
                else if (!CSharpKernelAliases.Contains(name, StringComparer.OrdinalIgnoreCase))
                    problems.Add(new(i + 1, UnsupportedMagic(name)));
            }
            else if (ReferenceDirective().Match(line) is { Success: true } directive)
            {
                blank = Directive(directive, i + 1, catalog, references, problems);
            }
            else continue;
            if (blank) lines[i] = lines[i].EndsWith('\r') ? "\r" : "";
        }
        return new PreparedCell(string.Join('\n', lines), Skip: skip, Timed: timed, References: references, Problems: problems);
    }

    static string UnsupportedMagic(string name) =>
        $"unsupported magic #!{name}: the runner (like the notebooks' C# kernel) understands #!csharp, #!time and a " +
        "#!markdown first line. Remove the line, or turn the cell into a markdown cell.";

    static bool IsFirstLine(string[] lines, int i) => lines.Take(i).All(l => l.Trim().Length == 0);

    // Returns whether the line is the runner's business (blanked) rather than Roslyn's.
    static bool Directive(Match directive, int line, PackageCatalog catalog, List<Assembly> references, List<CellProblem> problems)
    {
        string kind = directive.Groups["kind"].Value, arg = directive.Groups["arg"].Value.Trim();
        Match nuget = NuGet().Match(arg);
        if (kind == "i")
        {
            if (!nuget.Success && !arg.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                problems.Add(new(line, $"unsupported #i \"{arg}\": only #i \"nuget: <source>\" lines are understood (and ignored: packages come with the runner)."));
            return true;
        }
        if (nuget.Success) return NuGetReference(nuget, arg, line, catalog, references, problems);
        if (arg.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(line, $"cannot read #r \"{arg}\": write #r \"nuget: Name, Version\"."));
            return true;
        }
        if (!Path.GetFileName(arg.Replace('\\', '/')).Equals(LibraryFileName, StringComparison.OrdinalIgnoreCase)) return false;
        references.Add(typeof(GanNotebooks.Setup).Assembly);
        return true;
    }

    static bool NuGetReference(Match nuget, string arg, int line, PackageCatalog catalog, List<Assembly> references, List<CellProblem> problems)
    {
        string name = nuget.Groups["name"].Value;
        string? version = nuget.Groups["version"].Success ? nuget.Groups["version"].Value : null;
        if (version != null && (version.Contains('*') || version.StartsWith('[') || version.StartsWith('(')))
        {
            problems.Add(new(line, $"#r \"{arg}\": the runner needs an exact version; write #r \"nuget: {name}, {catalog.VersionOf(name) ?? "<version>"}\"."));
            return true;
        }
        if (catalog.Check(name, version) is { } error)
        {
            problems.Add(new(line, $"#r \"{arg}\": {error}"));
            return true;
        }
        references.AddRange(PackageCatalog.AssembliesFor(name));
        return true;
    }
}
