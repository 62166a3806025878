using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GanNotebooks.Runner.Engines.Roslyn;

/// <summary>
/// The NuGet packages the runner was built with (embedded from Directory.Packages.props at build time, see the
/// EmbedNotebookPackages target). A notebook's <c>#r "nuget: Name, Version"</c> is not downloaded: it must name one of
/// these, at the same version, and the runner references its own copy.
/// </summary>
internal sealed class PackageCatalog
{
    /// <summary>TorchSharp's native backend bundles: any of them at the runner's TorchSharp version counts as the runner's own backend.</summary>
    public static readonly IReadOnlyList<string> TorchSharpBackends = ["TorchSharp-cpu", "TorchSharp-cuda-linux", "TorchSharp-cuda-windows"];

    /// <summary>
    /// Packages the runner could load but the .NET Interactive kernel (VS Code Polyglot Notebooks) cannot: the runner
    /// refuses them too, with the reason, so that a notebook that runs here also runs there.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FailInTheKernel = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Plotly.NET"] = PlotlyNetInTheKernel,
        ["Plotly.NET.CSharp"] = PlotlyNetInTheKernel,
        ["Plotly.NET.Interactive"] = PlotlyNetInTheKernel,
    };

    const string PlotlyNetInTheKernel =
        "Plotly.NET 6 needs FSharp.Core 10.1, but the .NET Interactive kernel has its own FSharp.Core 10.0 loaded before any cell " +
        "runs, so the first chart fails there with \"Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'\". " +
        "Draw with GanNotebooks.Display.Charts, or build any plotly.js figure with GanNotebooks.Display.Figure (environment.md, \"Charts\").";

    const string MetadataKey = "NotebookPackage";
    readonly Dictionary<string, string> versions;

    public PackageCatalog(IReadOnlyDictionary<string, string> versions) =>
        this.versions = new Dictionary<string, string>(versions, StringComparer.OrdinalIgnoreCase);

    /// <summary>The packages embedded in this assembly.</summary>
    public static PackageCatalog Embedded { get; } = new(
        typeof(PackageCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key == MetadataKey && a.Value != null)
            .Select(a => a.Value!.Split('/', 2))
            .Where(p => p.Length == 2 && p[0].Length > 0 && p[1].Length > 0)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase));

    public IReadOnlyDictionary<string, string> Versions => versions;

    /// <summary>Null when the runner can answer <c>#r "nuget: name, version"</c>; otherwise what is wrong and what to write instead.</summary>
    public string? Check(string name, string? version)
    {
        if (FailInTheKernel.TryGetValue(name, out string? why)) return $"the real kernel cannot load {name}: {why}";
        string? ours = VersionOf(name);
        if (ours == null)
            return $"the runner does not reference the package {name}. It has: {Describe()}. " +
                   "Remove the line, or add the package to tools/GanNotebooks.Runner (PackageReference) and Directory.Packages.props.";
        if (version == null || SameVersion(version, ours)) return null;
        return $"it asks for {name} {version}, but the runner has {name} {ours} (Directory.Packages.props). " +
               $"Change the line to #r \"nuget: {name}, {ours}\".";
    }

    /// <summary>The version the runner has of <paramref name="name"/>, or null.</summary>
    public string? VersionOf(string name)
    {
        if (versions.TryGetValue(name, out string? v)) return v;
        bool backend = TorchSharpBackends.Contains(name, StringComparer.OrdinalIgnoreCase);
        return backend && versions.TryGetValue("TorchSharp", out string? torch) ? torch : null;
    }

    string Describe() => string.Join(", ", versions.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Key} {p.Value}"));

    /// <summary>1.2 equals 1.2.0 equals 1.2.0.0; pre-release labels compare case-insensitively.</summary>
    internal static bool SameVersion(string a, string b) => Normalize(a) == Normalize(b);

    static string Normalize(string v)
    {
        string[] parts = v.Trim().Split('+')[0].Split('-', 2);
        var numbers = parts[0].Split('.').Select(n => int.TryParse(n, out int i) ? i.ToString(CultureInfo.InvariantCulture) : n).ToList();
        while (numbers.Count > 3 && numbers[^1] == "0") numbers.RemoveAt(numbers.Count - 1);
        while (numbers.Count < 3) numbers.Add("0");
        return string.Join('.', numbers) + (parts.Length > 1 ? "-" + parts[1].ToLowerInvariant() : "");
    }

    /// <summary>
    /// The assemblies a <c>#r "nuget: name"</c> adds to the script, like the kernel adds a restored package with its
    /// dependencies: the package's main assembly and the non-framework assemblies it references, transitively.
    /// </summary>
    public static IReadOnlyList<Assembly> AssembliesFor(string name)
    {
        string root = TorchSharpBackends.Contains(name, StringComparer.OrdinalIgnoreCase) ? "TorchSharp" : name;
        Assembly? main = TryLoad(new AssemblyName(root));
        return main == null ? [] : Closure(main);
    }

    internal static IReadOnlyList<Assembly> Closure(Assembly root)
    {
        string framework = RuntimeEnvironment.GetRuntimeDirectory();
        var seen = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase) { [root.GetName().Name!] = root };
        var queue = new Queue<Assembly>([root]);
        while (queue.Count > 0)
        {
            foreach (AssemblyName name in queue.Dequeue().GetReferencedAssemblies())
            {
                if (name.Name == null || seen.ContainsKey(name.Name)) continue;
                Assembly? a = TryLoad(name);
                if (a == null || a.IsDynamic || a.Location.Length == 0 || a.Location.StartsWith(framework, StringComparison.Ordinal)) continue;
                seen[name.Name] = a;
                queue.Enqueue(a);
            }
        }
        return seen.Values.ToList();
    }

    static Assembly? TryLoad(AssemblyName name)
    {
        try { return Assembly.Load(name); }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { return null; }
    }
}
