using System.CommandLine;
using GanNotebooks.Export;
using GanNotebooks.Runner.Checks;
using GanNotebooks.Runner.Engines;

namespace GanNotebooks.Runner;

/// <summary>
/// <c>export &lt;executed.ipynb | folder&gt; [--out DIR] [--site]</c>: HTML from notebooks executed by this runner or by the
/// .NET Interactive kernel (VS Code Polyglot Notebooks, Jupyter, nbclient). Without --site, one self-contained page
/// per notebook (DIR defaults to each notebook's folder); with --site, a site (DIR defaults to site/).
/// <c>export --student &lt;notebook.ipynb | folder&gt; [--out DIR]</c>: the student edition of source notebooks
/// (<see cref="StudentEdition"/>; DIR defaults to rendered/student/), and for a folder the course zip.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The <c>export</c> verb, writing what it did to <paramref name="stdout"/>.</summary>
    public static Command Create(TextWriter stdout)
    {
        var paths = Cli.PathsArgument("notebook", "An executed notebook (.ipynb), or a folder of them (with --student: source notebooks).");
        var outDir = new Option<string>("--out")
        {
            HelpName = "DIR", Description = "Where the pages go (default: each notebook's folder; with --site: site/; with --student: rendered/student/).",
        };
        var site = new Option<bool>("--site")
        {
            Description = "A site in DIR: a page per notebook, index.html, one shared assets/ folder; works offline.",
        };
        var student = new Option<bool>("--student")
        {
            Description = "The student edition of source notebooks: solutions replaced by stubs, hidden tests and outputs removed; for a folder also the course zip.",
        };
        var export = new Command("export", "HTML from notebooks executed by this runner or by the .NET Interactive kernel " +
            "(VS Code, Jupyter): one self-contained page per notebook, or a site; or the student edition.") { paths, outDir, site, student };
        export.SetAction(p =>
        {
            string[] given = Cli.Paths(p.GetValue(paths) ?? []);
            if (given.Length != 1)
                throw new Cli.UsageException(given.Length == 0 ? "export needs an executed notebook or a folder of them." : "export takes one notebook or folder.");
            if (p.GetValue(site) && p.GetValue(student))
                throw new Cli.UsageException("--site and --student do not go together: the site shows the teacher's edition; make the student edition with a second export.");
            return Run(given, p.GetValue(outDir), p.GetValue(site), p.GetValue(student), stdout);
        });
        return export;
    }

    static int Run(string[] paths, string? outDir, bool site, bool student, TextWriter stdout)
    {
        var notebooks = Cli.Expand(paths);
        try
        {
            if (student) return Student(notebooks, outDir ?? Path.Combine("rendered", "student"), stdout);
            if (site) return Site(notebooks, outDir ?? "site", stdout);
            foreach (string notebook in notebooks)
            {
                string html = Path.Combine(outDir ?? Path.GetDirectoryName(Path.GetFullPath(notebook))!, Path.GetFileNameWithoutExtension(notebook) + ".html");
                HtmlExporter.Export(notebook, html);
                stdout.WriteLine($"exported {notebook} -> {html}");
            }
            return 0;
        }
        catch (InvalidDataException e)
        {
            throw new NotebookException(e.Message);
        }
    }

    static int Site(List<string> notebooks, string outDir, TextWriter stdout)
    {
        stdout.WriteLine($"site of {notebooks.Count} notebook(s) -> {outDir}/");
        var pages = SiteBuilder.Build(notebooks, outDir, stdout);
        stdout.WriteLine($"wrote {Path.Combine(outDir, SiteBuilder.IndexFile)}: {pages.Count} page(s), " +
                         $"{pages.Count(p => p.Picture is not null)} with a picture in the contents.");
        return 0;
    }

    static int Student(List<string> notebooks, string outDir, TextWriter stdout)
    {
        stdout.WriteLine($"student edition of {notebooks.Count} notebook(s) -> {outDir}/");
        IReadOnlyList<string> written;
        string? zip;
        try
        {
            (written, zip) = StudentEdition.Write(notebooks, outDir, NotebookChecker.Normalize, stdout);
        }
        catch (ArgumentException e)                  // two notebooks of one name, or --out onto the teacher's notebooks
        {
            throw new NotebookException(e.Message);
        }
        stdout.WriteLine($"wrote {written.Count} notebook(s)" + (zip is null ? "." : $" and {zip}."));
        return 0;
    }
}
