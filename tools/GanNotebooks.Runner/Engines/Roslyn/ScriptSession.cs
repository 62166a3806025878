using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanNotebooks.Runner.Engines.Roslyn;

/// <summary>
/// One notebook's C# state, as the .NET Interactive C# kernel kept it: every cell is a Roslyn script submission that
/// continues the previous one (variables, types and usings carry over).
/// </summary>
internal sealed class ScriptSession
{
    /// <summary>The kernel's language version: notebooks must also run in VS Code, whose kernel compiles C# 12.</summary>
    public const LanguageVersion CSharpVersion = LanguageVersion.CSharp12;

    /// <summary>The kernel's default imports (CSharpKernel: System, System.Text, System.Collections(.Generic), System.Threading.Tasks, System.Linq).</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    /// <summary>
    /// What the kernel submitted before the first cell: its helpers (display) and the formatting namespace with
    /// PocketView's HTML tags.
    /// </summary>
    public static readonly string Prelude = string.Join('\n',
        $"using static {typeof(Scripting.Kernel).FullName};",
        $"using {typeof(Scripting.Kernel).Namespace};",
        $"using static {typeof(PocketViewTags).FullName};",
        $"using {typeof(PocketView).Namespace};");

    // Shared by all sessions (ScriptOptions is immutable): building references is the slow part, so do it once.
    static readonly ScriptOptions BaseOptions = ScriptOptions.Default
        .WithLanguageVersion(CSharpVersion)
        .WithImports(DefaultImports)
        .AddReferences(
            typeof(Enumerable).Assembly, typeof(IEnumerable<>).Assembly, typeof(Task<>).Assembly,
            typeof(Formatter).Assembly, typeof(ScriptSession).Assembly)
        .WithEmitDebugInformation(true) // line numbers in exceptions' stack traces
        .WithFileEncoding(Encoding.UTF8);

    ScriptOptions options;
    ScriptState<object>? state;

    /// <param name="baseDirectory">The notebook's folder: relative <c>#r</c> paths resolve from there, as in the kernel.</param>
    public ScriptSession(string baseDirectory)
    {
        options = BaseOptions
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory));
    }

    /// <summary>Runs the prelude; the first compilation also warms Roslyn up.</summary>
    public async Task StartAsync()
    {
        Scripting.Kernel.RegisterLiveDisplayHost();
        state = await CSharpScript.RunAsync(Prelude, options);
    }

    /// <summary>
    /// Runs one cell. <paramref name="filePath"/> names the cell in stack traces; <paramref name="references"/> are
    /// added for this and later cells. Throws <see cref="CompilationErrorException"/> or the cell's exception.
    /// </summary>
    /// <returns>The value of a trailing expression, or null.</returns>
    public async Task<object?> RunAsync(string code, string filePath, IReadOnlyList<Assembly> references)
    {
        if (state == null) throw new InvalidOperationException("StartAsync first.");
        if (references.Count > 0) options = options.AddReferences(references);
        state = await state.ContinueWithAsync(code, options.WithFilePath(filePath));
        return state.ReturnValue;
    }
}
