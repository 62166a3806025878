using System.Net;
using System.Text;

namespace GanNotebooks.Export;

/// <summary>
/// A small C# tokenizer for syntax colouring: comments, strings (regular, verbatim, interpolated, raw), characters,
/// numbers, keywords, and notebook directives (<c>#r</c>, <c>#!</c>). Everything else passes through escaped.
/// It colours; it does not parse, so odd code is still shown, only less coloured.
/// </summary>
internal static class CSharpHighlighter
{
    static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "dynamic", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "get", "goto", "if", "implicit",
        "in", "init", "int", "interface", "internal", "is", "lock", "long", "nameof", "namespace", "new", "not", "null",
        "object", "operator", "or", "and", "out", "override", "params", "private", "protected", "public", "readonly",
        "record", "ref", "return", "sbyte", "sealed", "set", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "var", "virtual", "void", "volatile", "when", "where", "while", "with", "yield",
    ];

    /// <summary>The code as HTML: escaped text with &lt;span class="tok-…"&gt; around tokens.</summary>
    public static string Highlight(string code)
    {
        var html = new StringBuilder(code.Length * 2);
        int i = 0;
        bool lineStart = true;
        while (i < code.Length)
        {
            char c = code[i];
            int end;
            string? kind;
            if (c == '\n') { html.Append('\n'); i++; lineStart = true; continue; }
            if (c is ' ' or '\t' or '\r') { html.Append(c); i++; continue; }
            if (lineStart && c == '#') (end, kind) = (LineEnd(code, i), "dir");
            else if (c == '/' && At(code, i + 1) == '/') (end, kind) = (LineEnd(code, i), "com");
            else if (c == '/' && At(code, i + 1) == '*') (end, kind) = (BlockCommentEnd(code, i), "com");
            else if (StringStart(code, i) is int body) (end, kind) = (StringEnd(code, i, body), "str");
            else if (c == '\'') (end, kind) = (CharEnd(code, i), "str");
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(code, i + 1)) && At(code, i - 1) != '.')) (end, kind) = (NumberEnd(code, i), "num");
            else if (char.IsLetter(c) || c == '_' || (c == '@' && IsIdentStart(At(code, i + 1))))
            {
                end = IdentifierEnd(code, i + 1);
                kind = Keywords.Contains(code[i..end]) ? "kw" : null;
            }
            else (end, kind) = (i + 1, null);
            Append(html, code[i..end], kind);
            lineStart = false;
            i = end;
        }
        return html.ToString();
    }

    static void Append(StringBuilder html, string text, string? kind)
    {
        if (kind is null) { html.Append(WebUtility.HtmlEncode(text)); return; }
        html.Append("<span class=\"tok-").Append(kind).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</span>");
    }

    static char At(string s, int i) => i >= 0 && i < s.Length ? s[i] : '\0';

    static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_';

    static int LineEnd(string s, int i) => s.IndexOf('\n', i) is int n and >= 0 ? n : s.Length;

    static int BlockCommentEnd(string s, int i) => s.IndexOf("*/", i + 2, StringComparison.Ordinal) is int n and >= 0 ? n + 2 : s.Length;

    static int IdentifierEnd(string s, int i)
    {
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
        return i;
    }

    /// <summary>0x1F, 0b1010, 1_000, 3.14, 1e-3, 2.5f, 10UL; stops before "..", ".Member".</summary>
    static int NumberEnd(string s, int i)
    {
        if (s[i] == '0' && At(s, i + 1) is 'x' or 'X' or 'b' or 'B')
            return Suffix(s, Digits(s, i + 2, hex: true));
        i = Digits(s, i, hex: false);
        if (At(s, i) == '.' && char.IsAsciiDigit(At(s, i + 1))) i = Digits(s, i + 1, hex: false);
        if (At(s, i) is 'e' or 'E')
        {
            int j = At(s, i + 1) is '+' or '-' ? i + 2 : i + 1;
            if (char.IsAsciiDigit(At(s, j))) i = Digits(s, j, hex: false);
        }
        return Suffix(s, i);
    }

    static int Digits(string s, int i, bool hex)
    {
        while (i < s.Length && (s[i] == '_' || (hex ? char.IsAsciiHexDigit(s[i]) : char.IsAsciiDigit(s[i])))) i++;
        return i;
    }

    static int Suffix(string s, int i)
    {
        while (i < s.Length && s[i] is 'f' or 'F' or 'd' or 'D' or 'm' or 'M' or 'u' or 'U' or 'l' or 'L') i++;
        return i;
    }

    static int CharEnd(string s, int i)
    {
        int j = i + 1;
        while (j < s.Length && s[j] != '\'' && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
        return Math.Min(s.Length, j + 1);
    }

    /// <summary>If a string literal starts at <paramref name="i"/>, the index of its first quote; else null.</summary>
    static int? StringStart(string s, int i)
    {
        int j = i;
        while (j < s.Length && j - i < 3 && s[j] is '$' or '@') j++;
        return At(s, j) == '"' ? j : null;
    }

    static int StringEnd(string s, int start, int quote)
    {
        string prefix = s[start..quote];
        int dollars = prefix.Count(ch => ch == '$');
        int quotes = 0;
        while (At(s, quote + quotes) == '"') quotes++;
        if (quotes >= 3)                                                    // raw string: """ ... """
        {
            int close = s.IndexOf(new string('"', quotes), quote + quotes, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + quotes;
        }
        bool verbatim = prefix.Contains('@');
        int i = quote + 1, depth = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (depth > 0)
            {
                if (c == '"') i = StringEnd(s, i, i) - 1;                // a string inside an interpolation hole
                else if (c == '{') depth++;
                else if (c == '}') depth--;
            }
            else if (c == '\\' && !verbatim) i++;
            else if (c == '"' && verbatim && At(s, i + 1) == '"') i++;
            else if (c == '"') return i + 1;
            else if (c == '\n' && !verbatim) return i;
            else if (c == '{' && dollars > 0) { if (At(s, i + 1) == '{') i++; else depth = 1; }
            i++;
        }
        return s.Length;
    }
}
