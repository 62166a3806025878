namespace GanNotebooks.Display;

// How our display types render in a .NET Interactive kernel (VS Code Polyglot Notebooks) and in our runner without the
// library referencing Microsoft.DotNet.Interactive: the Formatting package looks for an attribute *named*
// TypeFormatterSourceAttribute (any namespace, internal is fine) with a `FormatterSourceType` and optional
// `PreferredMimeTypes`. It creates the source with Activator.CreateInstance (public parameterless constructor), calls its
// public `CreateTypeFormatters()`, and for each formatter reads the public `MimeType` (and `Type`, when present) and
// compiles a call to the public `bool Format(object, TextWriter)`. TorchSharp declares its tensor formatters the same way.
//
// Contract with the runner: the image/png formatter writes the PNG as base64 text, which goes verbatim into the nbformat
// output; text/html is self-contained HTML (data URIs, inline script) that works in the kernel's webview and offline.

/// <summary>Marks a type whose formatters a .NET Interactive kernel discovers by convention (see the file comment).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types a kernel produces when it displays the value without being asked for one.</summary>
    public string[] PreferredMimeTypes { get; set; } = [];
}

/// <summary>One formatter in the convention's shape: renders a <typeparamref name="T"/> as <see cref="MimeType"/>.</summary>
internal sealed class MimeFormatter<T>(string mimeType, Func<T, string> render) where T : class
{
    public string MimeType => mimeType;

#pragma warning disable CA1822 // the convention's shape: an instance property, read by reflection
    public Type Type => typeof(T);
#pragma warning restore CA1822

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not T value) return false;
        writer.Write(render(value));
        return true;
    }
}

/// <summary>The MIME type names used by the display types.</summary>
internal static class Mime
{
    public const string Png = "image/png";
    public const string Html = "text/html";
    public const string Text = "text/plain";
}

// .NET Interactive finds these formatter sources by convention and calls CreateTypeFormatters on an instance.
#pragma warning disable CA1822
internal sealed class ImageGridFormatters
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<ImageGrid>(Mime.Png, g => g.ToBase64()),
        new MimeFormatter<ImageGrid>(Mime.Html, g => g.ToHtml()),
    ];
}

internal sealed class GridSliderFormatters
{
    public IEnumerable<object> CreateTypeFormatters() => [new MimeFormatter<GridSlider>(Mime.Html, s => s.ToHtml())];
}

internal sealed class ChartViewFormatters
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<ChartView>(Mime.Html, c => c.ToHtml()),
        new MimeFormatter<ChartView>(Mime.Text, c => c.ToString()),
    ];
}

internal sealed class TrainingProgressFormatters
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<TrainingProgress>(Mime.Html, p => p.ToHtml()),
        new MimeFormatter<TrainingProgress>(Mime.Text, p => p.ToString()),
    ];
}

internal sealed class TrainingViewFormatters
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<TrainingView>(Mime.Html, v => v.ToHtml()),
        new MimeFormatter<TrainingView>(Mime.Text, v => v.ToString()),
    ];
}

internal sealed class TableFormatters
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<Table>(Mime.Html, t => t.ToHtml()),
        new MimeFormatter<Table>(Mime.Text, t => t.ToString()),
    ];
}
