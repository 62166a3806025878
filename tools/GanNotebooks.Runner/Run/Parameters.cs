using System.Globalization;
using System.Text;
using GanNotebooks.Runner.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GanNotebooks.Runner.Run;

/// <summary>A parameter default declared in the notebook's <c>parameters</c> cell, e.g. <c>int epochs = 20;</c>.</summary>
internal sealed record ParameterDefault(string Name, string Type);

/// <summary>
/// Papermill's convention for C#: the cell tagged <c>parameters</c> declares the defaults; each <c>--param name=value</c>
/// becomes a declaration of the same type in a cell inserted right after it, which shadows the default.
/// </summary>
internal static class Parameters
{
    /// <summary>The C# types a <c>--param</c> value can be, by the spellings a default may use.</summary>
    static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["int"] = "int", ["Int32"] = "int", ["System.Int32"] = "int",
        ["long"] = "long", ["Int64"] = "long", ["System.Int64"] = "long",
        ["double"] = "double", ["Double"] = "double", ["System.Double"] = "double",
        ["float"] = "float", ["Single"] = "float", ["System.Single"] = "float",
        ["bool"] = "bool", ["Boolean"] = "bool", ["System.Boolean"] = "bool",
        ["string"] = "string", ["String"] = "string", ["System.String"] = "string",
    };

    /// <summary>The variables the parameters cell declares, in order, with their C# type (as written, or inferred for <c>var</c>).</summary>
    public static IReadOnlyList<ParameterDefault> ReadDefaults(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.CSharp12, kind: SourceCodeKind.Script));
        var result = new List<ParameterDefault>();
        foreach (var declaration in tree.GetCompilationUnitRoot().DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            if (declaration.Parent is not (FieldDeclarationSyntax or LocalDeclarationStatementSyntax)) continue;
            if (declaration.Ancestors().Any(a => a is BaseMethodDeclarationSyntax or TypeDeclarationSyntax or LocalFunctionStatementSyntax)) continue;
            foreach (var variable in declaration.Variables)
                result.Add(new ParameterDefault(variable.Identifier.Text, TypeOf(declaration.Type, variable.Initializer?.Value)));
        }
        return result;
    }

    static string TypeOf(TypeSyntax type, ExpressionSyntax? initializer)
    {
        string written = type.ToString();
        if (Types.TryGetValue(written, out string? known)) return known;
        if (!type.IsVar || initializer is not LiteralExpressionSyntax literal) return written;
        return literal.Token.Value switch
        {
            int => "int",
            long => "long",
            double => "double",
            float => "float",
            bool => "bool",
            string => "string",
            _ => written,
        };
    }

    /// <summary>
    /// The source of the injected cell for <paramref name="values"/> (name → value as typed on the command line).
    /// Throws <see cref="NotebookException"/> for an unknown name, a type --param cannot set, or a value that does not parse.
    /// </summary>
    public static string InjectedCell(IReadOnlyList<KeyValuePair<string, string>> values, IReadOnlyList<ParameterDefault> defaults)
    {
        var code = new StringBuilder("// Injected by the runner (--param): these shadow the defaults in the cell above.\n");
        foreach (var (name, value) in values)
        {
            ParameterDefault? d = defaults.LastOrDefault(p => p.Name == name);
            if (d == null)
            {
                string known = defaults.Count == 0 ? "(none)" : string.Join(", ", defaults.Select(p => $"{p.Name} ({p.Type})"));
                throw new NotebookException($"unknown parameter '{name}'. The parameters cell declares: {known}.");
            }
            code.Append(d.Type).Append(' ').Append(name).Append(" = ").Append(Literal(d, value)).Append(";\n");
        }
        return code.ToString().TrimEnd('\n');
    }

    static string Literal(ParameterDefault p, string value)
    {
        var inv = CultureInfo.InvariantCulture;
        string? literal = p.Type switch
        {
            "string" => SymbolDisplay.FormatLiteral(value, quote: true),
            "bool" => bool.TryParse(value.Trim(), out bool b) ? (b ? "true" : "false") : null,
            "int" => int.TryParse(value.Trim(), NumberStyles.Integer, inv, out int i) ? i.ToString(inv) : null,
            "long" => long.TryParse(value.Trim(), NumberStyles.Integer, inv, out long l) ? l.ToString(inv) + "L" : null,
            "double" => double.TryParse(value.Trim(), NumberStyles.Float, inv, out double d) ? DoubleLiteral(d) : null,
            "float" => float.TryParse(value.Trim(), NumberStyles.Float, inv, out float f) ? FloatLiteral(f) : null,
            _ => throw new NotebookException(
                $"parameter '{p.Name}' is declared as {p.Type}; --param can set int, long, double, float, bool and string parameters."),
        };
        return literal ?? throw new NotebookException(
            $"--param {p.Name}={value}: '{value}' is not a valid {p.Type} (the parameters cell declares {p.Type} {p.Name}).");
    }

    static string DoubleLiteral(double d) =>
        double.IsNaN(d) ? "double.NaN"
        : double.IsPositiveInfinity(d) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
        : d.ToString("R", CultureInfo.InvariantCulture) + "d";

    static string FloatLiteral(float f) =>
        float.IsNaN(f) ? "float.NaN"
        : float.IsPositiveInfinity(f) ? "float.PositiveInfinity"
        : float.IsNegativeInfinity(f) ? "float.NegativeInfinity"
        : f.ToString("R", CultureInfo.InvariantCulture) + "f";
}
