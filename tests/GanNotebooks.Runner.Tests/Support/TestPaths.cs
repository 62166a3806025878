namespace GanNotebooks.Runner.Tests.Support;

/// <summary>Where things are: the fixtures next to the test assembly, the repository root, the runner's own build.</summary>
public static class TestPaths
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The folder holding GanNotebooks.sln, found by walking up from the test assembly.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GanNotebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException($"GanNotebooks.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// GanNotebooks.Runner.dll in the runner project's own output (built as a dependency of this project, with the
    /// same configuration), so it runs as a real process with its own runtimeconfig and deps.
    /// </summary>
    public static string RunnerDll
    {
        get
        {
            // .../tests/GanNotebooks.Runner.Tests/bin/<Configuration>/net10.0/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string configuration = output.Parent!.Name, framework = output.Name;
            string dll = Path.Combine(RepoRoot, "tools", "GanNotebooks.Runner", "bin", configuration, framework, "GanNotebooks.Runner.dll");
            if (File.Exists(dll)) return dll;
            // The copy next to the tests (a referenced Exe brings its runtimeconfig and deps along) also runs.
            string local = Path.Combine(AppContext.BaseDirectory, "GanNotebooks.Runner.dll");
            return File.Exists(local) ? local : throw new FileNotFoundException($"build the runner first: {dll} is missing.");
        }
    }
}
