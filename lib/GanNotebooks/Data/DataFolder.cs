namespace GanNotebooks.Data;

/// <summary>
/// Where dataset files are kept: an explicit folder, else the <c>GAN_DATA_DIR</c> environment variable, else the
/// <c>data/</c> folder of the repository (the folder holding <c>GanNotebooks.sln</c>, found by walking up from the
/// current directory and then from the library's location), else a per-user folder.
/// Each dataset has a sub-folder named after it: <c>{data folder}/fashion-mnist/train-images-idx3-ubyte.gz</c>.
/// Taught in notebook 01.
/// </summary>
public static class DataFolder
{
    /// <summary>Environment variable naming the data folder.</summary>
    public const string Variable = "GAN_DATA_DIR";

    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFile = "GanNotebooks.sln";

    /// <summary>The data folder (an absolute path; it need not exist yet).</summary>
    /// <param name="explicitFolder">Wins over everything else when given.</param>
    public static string Resolve(string? explicitFolder = null) => ResolveWithSource(explicitFolder).Path;

    /// <summary>The data folder and where the choice came from (for messages).</summary>
    internal static (string Path, string Source) ResolveWithSource(string? explicitFolder)
    {
        if (!string.IsNullOrWhiteSpace(explicitFolder))
            return (System.IO.Path.GetFullPath(explicitFolder), "the DataDir option");
        string? env = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(env))
            return (System.IO.Path.GetFullPath(env), $"{Variable}={env}");
        string? root = FindRepositoryRoot(Environment.CurrentDirectory)
            ?? FindRepositoryRoot(System.IO.Path.GetDirectoryName(typeof(DataFolder).Assembly.Location));
        if (root is not null)
            return (System.IO.Path.Combine(root, "data"), $"the repository's data folder ({SolutionFile} found in {root})");
        string user = System.IO.Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "GanNotebooks", "data");
        return (user, $"the per-user folder ({Variable} is not set and no {SolutionFile} was found above " +
                      $"{Environment.CurrentDirectory})");
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds <c>GanNotebooks.sln</c>.</summary>
    internal static string? FindRepositoryRoot(string? start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        return null;
    }
}
