using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GanNotebooks.IO;

namespace GanNotebooks.Ipynb;

/// <summary>
/// The one .ipynb reader and writer (of the runner, the exporter and the student edition; <see cref="Notebook"/> is the typed view). Writes notebook JSON the way Jupyter (and VS Code)
/// store it: keys sorted, one space per indent level, non-ASCII characters as is, multi-line text as arrays of lines,
/// one trailing newline. Same content, same bytes. Reads multi-line text back as single strings.
/// </summary>
public static class JupyterJson
{
    /// <summary>Canonical text of a notebook: multi-line strings split into lines first (see <see cref="SplitLines"/>).</summary>
    public static string Serialize(JsonObject notebook)
    {
        var copy = (JsonObject)notebook.DeepClone();
        SplitLines(copy);
        var sb = new StringBuilder();
        Write(sb, copy, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>Parses notebook JSON; multi-line strings stored as arrays of lines are joined into one string.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">Names the file in error messages.</param>
    /// <exception cref="InvalidDataException">Not JSON, not an object, an nbformat other than 4, or no "cells" array; the message says which.</exception>
    public static JsonObject Parse(string text, string source = "the notebook")
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw NotANotebook(source, $"it is not valid JSON ({e.Message})");
        }
        if (node is not JsonObject nb) throw NotANotebook(source, "its JSON is not an object");
        if (nb["nbformat"] is JsonValue format && format.TryGetValue(out int major) && major != 4)
            throw NotANotebook(source, $"it is nbformat {major}; this reads nbformat 4 (convert it with `jupyter nbconvert --to notebook`)");
        if (nb["cells"] is not JsonArray) throw NotANotebook(source, "it has no \"cells\" array");
        JoinLines(nb);
        return nb;
    }

    /// <summary>Reads and parses <paramref name="path"/> (see <see cref="Parse"/>).</summary>
    public static JsonObject Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>Writes the canonical text atomically: a reader sees the old file or the new one, never half of one.</summary>
    public static void Save(string path, JsonObject notebook) => AtomicFile.WriteAllText(path, Serialize(notebook));

    /// <summary>Writes text that <see cref="Serialize"/> already produced (atomically), so it is not serialized twice.</summary>
    public static void SaveSerialized(string path, string serialized) => AtomicFile.WriteAllText(path, serialized);

    /// <summary>The notebook states its nbformat (which <see cref="Parse"/> checked is 4), else a clear error.</summary>
    /// <exception cref="InvalidDataException">No nbformat number.</exception>
    public static void RequireNbformat(JsonObject notebook, string source)
    {
        if (notebook["nbformat"] is not JsonValue format || !format.TryGetValue(out int _))
            throw NotANotebook(source, "it has no \"nbformat\" number");
    }

    static InvalidDataException NotANotebook(string source, string why) =>
        new($"'{source}' is not an nbformat 4 notebook: {why}. An .ipynb as written by our runner, Jupyter or VS Code is.");

    // nbformat's split_lines: cell sources, stream texts, and text/* (plus SVG, JavaScript) display data.
    static void SplitLines(JsonObject nb) => ForEachMultiline(nb, s => ToLineArray(s));

    static void JoinLines(JsonObject nb) => ForEachMultiline(nb, null);

    static void ForEachMultiline(JsonObject nb, Func<string, JsonNode>? split)
    {
        foreach (var cell in nb["cells"]!.AsArray().OfType<JsonObject>())
        {
            Convert(cell, "source", split);
            if (cell["outputs"] is not JsonArray outputs) continue;
            foreach (var output in outputs.OfType<JsonObject>())
            {
                if (output["output_type"]?.GetValue<string>() == "stream") Convert(output, "text", split);
                if (output["data"] is not JsonObject data) continue;
                foreach (var key in data.Select(p => p.Key).ToList())
                    if (key != "application/json" && (key.StartsWith("text/", StringComparison.Ordinal)
                                                      || key is "image/svg+xml" or "application/javascript"))
                        Convert(data, key, split);
            }
        }
    }

    static void Convert(JsonObject owner, string key, Func<string, JsonNode>? split)
    {
        JsonNode? value = owner[key];
        if (split == null)
        {
            if (value is JsonArray lines)
                owner[key] = string.Concat(lines.Select(l => l?.GetValue<string>() ?? ""));
        }
        else if (value is JsonValue v && v.TryGetValue(out string? s))
        {
            owner[key] = split(s);
        }
    }

    /// <summary>Splits after every '\n', keeping the newline (Python's <c>str.splitlines(True)</c> on '\n').</summary>
    public static JsonArray ToLineArray(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    static void Write(StringBuilder sb, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                WriteObject(sb, obj, depth);
                break;
            case JsonArray arr:
                WriteArray(sb, arr, depth);
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    static void WriteObject(StringBuilder sb, JsonObject obj, int depth)
    {
        if (obj.Count == 0) { sb.Append("{}"); return; }
        sb.Append("{\n");
        var keys = obj.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
        for (int i = 0; i < keys.Count; i++)
        {
            sb.Append(' ', depth + 1);
            WriteString(sb, keys[i]);
            sb.Append(": ");
            Write(sb, obj[keys[i]], depth + 1);
            sb.Append(i < keys.Count - 1 ? ",\n" : "\n");
        }
        sb.Append(' ', depth).Append('}');
    }

    static void WriteArray(StringBuilder sb, JsonArray arr, int depth)
    {
        if (arr.Count == 0) { sb.Append("[]"); return; }
        sb.Append("[\n");
        for (int i = 0; i < arr.Count; i++)
        {
            sb.Append(' ', depth + 1);
            Write(sb, arr[i], depth + 1);
            sb.Append(i < arr.Count - 1 ? ",\n" : "\n");
        }
        sb.Append(' ', depth).Append(']');
    }

    static void WriteValue(StringBuilder sb, JsonValue value)
    {
        if (value.TryGetValue(out string? s)) { WriteString(sb, s); return; }
        if (value.TryGetValue(out bool b)) { sb.Append(b ? "true" : "false"); return; }
        if (value.TryGetValue(out int i)) { sb.Append(i.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue(out long l)) { sb.Append(l.ToString(CultureInfo.InvariantCulture)); return; }
        sb.Append(value.ToJsonString()); // numbers keep their spelling (Python writes 1e-07, JavaScript 1e-7: neither is rewritten)
    }

    // Python's json.dumps(ensure_ascii=False): escapes quote, backslash and control characters only.
    static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
