using System.Runtime.CompilerServices;

namespace GanNotebooks;

/// <summary>
/// The course repository's layout, the one place that knows it: the folder holding <c>GanNotebooks.sln</c>, with the
/// course's <c>data/</c> folder inside. It supplies that folder to <see cref="Data.DataFolder"/> as its default when the
/// library loads, so that inside the repository (a notebook, a test) the data is found there when nothing else names a
/// data folder, while the data layer knows nothing of the repository. Part of the course's policy (<see cref="Course"/>),
/// not of the reusable library.
/// </summary>
public static class CourseRepository
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFile = "GanNotebooks.sln";

    /// <summary>The repository root: the nearest folder holding <see cref="SolutionFile"/> above the current
    /// directory, else above the library's location; null outside the repository.</summary>
    public static string? Root() =>
        FindRoot(Environment.CurrentDirectory) ?? FindRoot(Path.GetDirectoryName(typeof(CourseRepository).Assembly.Location));

    /// <summary>The repository's <c>data/</c> folder (it need not exist yet); null outside the repository.</summary>
    public static string? DataFolder() => Root() is string root ? Path.Combine(root, "data") : null;

    /// <summary>Supplies the repository's <c>data/</c> as <see cref="Data.DataFolder"/>'s default as the library loads:
    /// before any notebook cell can ask for data, with no call a notebook must remember.</summary>
#pragma warning disable CA2255 // the library's own two layers wired once at load; no consumer's code runs here
    [ModuleInitializer]
    internal static void SupplyDataFolder() => Data.DataFolder.Default = () => Root() is string root
        ? (DataFolder(), $"the repository's data folder ({SolutionFile} found in {root})")
        : (null, $"no {SolutionFile} was found above {Environment.CurrentDirectory}");
#pragma warning restore CA2255

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds <see cref="SolutionFile"/>.</summary>
    internal static string? FindRoot(string? start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        return null;
    }
}
