namespace GanNotebooks;

/// <summary>
/// The course repository's layout, the one place that knows it: the folder holding <c>GanNotebooks.sln</c>, with the
/// course's <c>data/</c> folder inside. <see cref="Data.DataFolder"/> falls back to that folder when the library runs
/// inside the repository (a notebook, a test) and nothing else names a data folder. Depends on nothing else of the
/// library. Part of the course's policy (<see cref="Course"/>), not of the reusable library.
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

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds <see cref="SolutionFile"/>.</summary>
    internal static string? FindRoot(string? start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        return null;
    }
}
