using System.Security.Cryptography;
using GanNotebooks.IO;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Export;

/// <summary>One page of a built site.</summary>
/// <param name="Notebook">The executed notebook it was made from.</param>
/// <param name="Href">The page, relative to the site folder ("02-dcgan.html").</param>
/// <param name="Title">The notebook's first heading.</param>
/// <param name="Summary">The first paragraph after the title, as Markdown cut after whole sentences (math kept as TeX).</param>
/// <param name="Run">How the notebook was executed, when its metadata says (our runner writes it).</param>
/// <param name="Parameters">"parameters: epochs=3, …" or "parameters: the notebook's defaults".</param>
/// <param name="Picture">The chapter's picture for the contents, relative to the site folder: its last still image (the trained samples: what a preview, a printout or a headless renderer shows of an animation is its first, untrained frame), else its progress animation.</param>
public sealed record SitePage(string Notebook, string Href, string Title, string Summary, ExecutionInfo? Run, string Parameters, string? Picture);

/// <summary>
/// Executed notebooks → a static site: one page per notebook (previous/next links, images as files under
/// images/&lt;name&gt;/, the progress animation of each GridSlider as a GIF), index.html with the table of contents
/// and one shared assets/ folder (plotly.js, KaTeX with its fonts, CSS). Relative links only: it works from file://
/// and from any static host, with the network off.
/// </summary>
public static class SiteBuilder
{
    /// <summary>The table of contents.</summary>
    public const string IndexFile = "index.html";

    /// <summary>
    /// Builds the site for <paramref name="notebooks"/> (in that order) into <paramref name="outDir"/>. The index links
    /// the student edition when <paramref name="outDir"/> holds <see cref="StudentEdition.ZipFile"/> (tools/build-site.sh
    /// writes it there first, with <c>export --student</c>), and the teacher's guide, rendered from
    /// <see cref="GuidePage.SourceFile"/>, when the folder holds one (docs/teaching.md).
    /// </summary>
    /// <exception cref="FileNotFoundException">A notebook does not exist.</exception>
    /// <exception cref="InvalidDataException">A notebook is not nbformat 4 JSON (the message names it).</exception>
    public static IReadOnlyList<SitePage> Build(IReadOnlyList<string> notebooks, string outDir, TextWriter? log = null)
    {
        if (notebooks.Count == 0) throw new ArgumentException("A site needs at least one executed notebook.", nameof(notebooks));
        var loaded = notebooks.Select(path => (Path: path, Name: Path.GetFileNameWithoutExtension(path), Notebook: Load(path))).ToList();
        var duplicate = loaded.GroupBy(n => n.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two notebooks are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(d => d.Path))}); a site has one page per name.");
        Directory.CreateDirectory(outDir);
        foreach (var (path, bytes) in Assets.SiteFiles()) AtomicFile.WriteAllBytes(Path.Combine(outDir, "assets", path), bytes);
        AtomicFile.WriteAllText(Path.Combine(outDir, ".nojekyll"), "");   // GitHub Pages: serve the folder as it is

        var pages = new List<SitePage>();
        for (int i = 0; i < loaded.Count; i++)
        {
            var (path, name, notebook) = loaded[i];
            var images = new ImageFolder(outDir, name);
            var context = new PageContext(name)
            {
                AssetsHref = "assets/",
                Index = new PageLink(IndexFile, "Contents"),
                Previous = i > 0 ? Link(loaded[i - 1].Name, loaded[i - 1].Notebook) : null,
                Next = i + 1 < loaded.Count ? Link(loaded[i + 1].Name, loaded[i + 1].Notebook) : null,
                StoreImage = images.Store,
            };
            string href = name + ".html";
            AtomicFile.WriteAllText(Path.Combine(outDir, href), PageWriter.Write(notebook, context));
            pages.Add(new SitePage(path, href, PageFacts.Title(notebook, name), PageFacts.SummaryMarkdown(notebook),
                ExecutionInfo.From(notebook.Metadata), PageFacts.ParametersText(notebook), images.Picture));
            log?.WriteLine($"  page {href} ({images.Count} images)");
        }
        string? studentZip = File.Exists(Path.Combine(outDir, StudentEdition.ZipFile)) ? StudentEdition.ZipFile : null;
        string? guide = GuidePage.Write(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, IndexFile), IndexPage.Write(pages, studentZip, guide));
        AtomicFile.WriteAllText(Path.Combine(outDir, IndexPage.WallTimesFile), IndexPage.WallTimesMarkdown(pages));
        return pages;
    }

    static Notebook Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Cannot export '{path}': the file does not exist. Pass executed .ipynb files (the runner writes them to rendered/).", path);
        return Notebook.Load(path).RequireComplete(path);
    }

    static PageLink Link(string name, Notebook notebook) => new(name + ".html", PageFacts.Title(notebook, name));

    /// <summary>A page's images as files under images/&lt;name&gt;/, one file per distinct image; the folder is emptied first.</summary>
    sealed class ImageFolder
    {
        readonly string folder, baseHref;
        readonly Dictionary<string, string> byHash = [];
        readonly Dictionary<string, int> perHint = [];
        string? lastImage, lastAnimation;

        public ImageFolder(string root, string name)
        {
            baseHref = $"images/{name}/";
            folder = Path.Combine(root, "images", name);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);   // no stale images of an earlier build
        }

        public int Count => byHash.Count;

        /// <summary>The page's last still image (trained samples), else its progress animation.</summary>
        public string? Picture => lastImage ?? lastAnimation;

        public string Store(string mime, byte[] bytes, string hint)
        {
            string hash = Convert.ToHexString(SHA256.HashData(bytes));
            if (!byHash.TryGetValue(hash, out string? href))
            {
                string extension = mime switch { "image/jpeg" => ".jpg", "image/gif" => ".gif", _ => ".png" };
                // "image-01.png", "image-02.png", …; "progress.gif", then "progress-2.gif" (a stable name for the README)
                int n = perHint[hint] = perHint.GetValueOrDefault(hint) + 1;
                string file = hint == "progress" ? (n == 1 ? $"{hint}{extension}" : $"{hint}-{n}{extension}") : $"{hint}-{n:00}{extension}";
                AtomicFile.WriteAllBytes(Path.Combine(folder, file), bytes);
                byHash[hash] = href = baseHref + file;
            }
            if (mime == "image/gif" && hint == "progress") lastAnimation = href;
            else lastImage = href;
            return href;
        }
    }
}
