using GanNotebooks.IO;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Export;

/// <summary>
/// Renders an executed notebook (nbformat 4 JSON) as one self-contained HTML file that works offline: Markdown with
/// KaTeX math, coloured C#, every output (streams, HTML, images, errors) and interactive Plotly charts, with KaTeX
/// (fonts included) and plotly.js inlined. The header shows <c>metadata.gannotebooks.executed</c> (see
/// <see cref="ExecutionInfo"/>) when the notebook has it.
/// </summary>
public static class HtmlExporter
{
    /// <summary>Reads <paramref name="ipynbPath"/> and writes <paramref name="htmlPath"/> atomically (temp file + rename).</summary>
    /// <exception cref="FileNotFoundException">The notebook does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not nbformat 4 JSON.</exception>
    public static void Export(string ipynbPath, string htmlPath)
    {
        if (!File.Exists(ipynbPath))
            throw new FileNotFoundException($"Cannot export '{ipynbPath}': the file does not exist. Pass the executed .ipynb the runner wrote.", ipynbPath);
        string html = Render(File.ReadAllText(ipynbPath), Path.GetFileNameWithoutExtension(ipynbPath), ipynbPath);
        AtomicFile.WriteAllText(htmlPath, html);
    }

    /// <summary>The page for a notebook's JSON; <paramref name="notebookName"/> appears in the header.</summary>
    /// <exception cref="InvalidDataException">The JSON is not an nbformat 4 notebook.</exception>
    public static string Render(string ipynbJson, string notebookName) => Render(ipynbJson, notebookName, notebookName);

    static string Render(string json, string notebookName, string source) =>
        PageWriter.Write(Notebook.Parse(json, source).RequireComplete(source), PageContext.Standalone(notebookName));
}
