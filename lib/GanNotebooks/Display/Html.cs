using System.Net;
using System.Text;

namespace GanNotebooks.Display;

/// <summary>Small helpers shared by the display types' HTML.</summary>
internal static class Html
{
    /// <summary>Escapes text for an HTML element body or a double-quoted attribute.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>An element id that is unique within a notebook (outputs of many cells share one page).</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A PNG as a data URI (offline, and accepted by the VS Code notebook webview).</summary>
    public static string PngDataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    /// <summary>
    /// Makes a JSON text safe to embed in a &lt;script&gt; element: "&lt;/" cannot close the element, and the
    /// line separators U+2028/U+2029 (valid in JSON, not in older JavaScript) are escaped.
    /// </summary>
    public static string ScriptSafeJson(string json) =>
        json.Replace("</", "<\\/").Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");
}

