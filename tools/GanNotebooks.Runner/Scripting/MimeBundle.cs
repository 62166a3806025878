using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanNotebooks.Runner.Scripting;

/// <summary>
/// A value formatted for a notebook output's <c>data</c>: one entry per MIME type, through
/// Microsoft.DotNet.Interactive.Formatting as the kernel does. Types pick their MIME types with the formatter's
/// preferences, including those declared with a convention-named <c>TypeFormatterSourceAttribute</c>.
/// </summary>
internal sealed record MimeBundle(IReadOnlyList<string> MimeTypes, JsonObject Data)
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Png = "image/png";

    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Formats <paramref name="value"/> for <paramref name="mimeTypes"/>, or, when none are given, for the MIME types
    /// the kernel would pick (<see cref="PreferredFor"/>).
    /// </summary>
    public static MimeBundle Create(object? value, IReadOnlyList<string>? mimeTypes)
    {
        IReadOnlyList<string> mimes = mimeTypes is { Count: > 0 } ? mimeTypes.Distinct().ToList() : PreferredFor(value);
        var data = new JsonObject();
        foreach (string mime in mimes) data[mime] = Format(value, mime);
        return new MimeBundle(mimes, data);
    }

    /// <summary>
    /// As the .NET Interactive kernel picks them (checked against it cell by cell, RealKernelTests): the formatter's
    /// preference alone, which includes the PreferredMimeTypes a type declares with its TypeFormatterSourceAttribute
    /// (a chart: text/html; a progress line: text/html and text/plain; a string: text/plain; a record: text/html).
    /// </summary>
    public static IReadOnlyList<string> PreferredFor(object? value) =>
        Formatter.GetPreferredMimeTypesFor(value?.GetType() ?? typeof(object)).ToList();

    static string Format(object? value, string mime)
    {
        string text;
        try
        {
            text = value.ToDisplayString(mime);
        }
        catch (ArgumentException e) when (e.Message.StartsWith("No formatter is registered", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"cannot display a {TypeName(value)} as {mime}: no formatter for that MIME type. " +
                "Display it without MIME types, or register a formatter (Formatter.Register).", e);
        }
        return mime == Png ? NormalizePng(text, value) : text;
    }

    /// <summary>
    /// The runner's contract for binary output: a formatter for image/png writes the PNG file's bytes as base64 text
    /// (whitespace allowed, no data: URI prefix). Returns the base64 without whitespace, as nbformat stores it.
    /// </summary>
    internal static string NormalizePng(string text, object? value)
    {
        string base64 = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var bytes = new byte[base64.Length * 3 / 4 + 3];
        bool ok = Convert.TryFromBase64String(base64, bytes, out int n) && n >= PngSignature.Length
                  && bytes.AsSpan(0, PngSignature.Length).SequenceEqual(PngSignature);
        if (!ok)
            throw new InvalidOperationException(
                $"the image/png formatter for {TypeName(value)} did not write a base64-encoded PNG " +
                $"(it wrote \"{Shorten(text)}\"). A formatter for image/png must write the PNG file's bytes as base64 text.");
        return base64;
    }

    static string TypeName(object? value) => value?.GetType().FullName ?? "null";

    static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>The text a console shows for this bundle: text/plain if there is one.</summary>
    public string PlainTextOrFirst() =>
        Data[PlainText]?.GetValue<string>() ?? Data.Select(p => p.Value?.GetValue<string>()).FirstOrDefault() ?? "";
}
