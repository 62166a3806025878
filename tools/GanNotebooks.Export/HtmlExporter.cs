namespace GanNotebooks.Export;

/// <summary>Renders an executed notebook (nbformat 4 JSON) as one self-contained HTML file that works offline.</summary>
public static class HtmlExporter
{
    /// <summary>Reads <paramref name="ipynbPath"/> and writes <paramref name="htmlPath"/> atomically (temp file + rename).</summary>
    public static void Export(string ipynbPath, string htmlPath) =>
        throw new NotImplementedException("HtmlExporter arrives with the export work (issue 3).");
}
