namespace GanNotebooks.Display;

/// <summary>
/// The one place that names the plotly.js version the course draws with: the library's charts load it from the CDN
/// (VS Code and Jupyter), and the exporter ships the copy embedded in Plotly.NET 6.0.0, looked up by this exact version
/// (a Plotly.NET upgrade that changes it fails the export loudly instead of mixing versions).
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version, as in its CDN file name.</summary>
    public const string Version = "2.28.0";
}
