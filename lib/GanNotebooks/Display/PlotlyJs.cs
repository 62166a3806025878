namespace GanNotebooks.Display;

/// <summary>
/// The one place that names the plotly.js version the course draws with. Compiled into the library (the CDN copy that
/// VS Code and Jupyter load) and linked into the exporter (which ships the copy embedded in Plotly.NET 6.0.0, looked up
/// by this exact version: a Plotly.NET upgrade that changes it fails the export loudly instead of mixing versions).
/// </summary>
internal static class PlotlyJs
{
    public const string Version = "2.28.0";
}
