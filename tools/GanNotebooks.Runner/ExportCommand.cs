using GanNotebooks.Export;
using GanNotebooks.Runner.Ipynb;

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
    public static int Run(string[] args, TextWriter stdout)
    {
        var (paths, outDir, site, student) = Parse(args);
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

    static int Site(IReadOnlyList<string> notebooks, string outDir, TextWriter stdout)
    {
        stdout.WriteLine($"site of {notebooks.Count} notebook(s) -> {outDir}/");
        var pages = SiteBuilder.Build(notebooks, outDir, stdout);
        stdout.WriteLine($"wrote {Path.Combine(outDir, SiteBuilder.IndexFile)}: {pages.Count} page(s), " +
                         $"{pages.Count(p => p.Picture?.EndsWith(".gif", StringComparison.Ordinal) == true)} with a progress animation.");
        return 0;
    }

    static int Student(IReadOnlyList<string> notebooks, string outDir, TextWriter stdout)
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

    static (List<string> Paths, string? OutDir, bool Site, bool Student) Parse(string[] args)
    {
        var paths = new List<string>();
        string? outDir = null;
        bool site = false, student = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out": outDir = Cli.Value(args, ref i); break;
                case "--site": site = true; break;
                case "--student": student = true; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): throw new Cli.UsageException($"unknown option '{a}'.");
                default: paths.Add(args[i]); break;
            }
        }
        if (paths.Count != 1) throw new Cli.UsageException(paths.Count == 0 ? "export needs an executed notebook or a folder of them." : "export takes one notebook or folder.");
        if (site && student) throw new Cli.UsageException("--site and --student do not go together: the site shows the teacher's edition; make the student edition with a second export.");
        return (paths, outDir, site, student);
    }
}
