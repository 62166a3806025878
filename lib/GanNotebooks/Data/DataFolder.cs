namespace GanNotebooks.Data;

/// <summary>
/// Where dataset files are kept: an explicit folder, else the <c>GAN_DATA_DIR</c> environment variable, else the
/// course repository's <c>data/</c> folder when the library runs inside it (<see cref="CourseRepository.DataFolder"/>),
/// else a per-user folder.
/// Each dataset has a sub-folder named after it: <c>{data folder}/fashion-mnist/train-images-idx3-ubyte.gz</c>.
/// Taught in notebook 01.
/// </summary>
public static class DataFolder
{
    /// <summary>Environment variable naming the data folder.</summary>
    public const string Variable = "GAN_DATA_DIR";

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
        if (CourseRepository.Root() is string root)
            return (System.IO.Path.Combine(root, "data"), $"the repository's data folder ({CourseRepository.SolutionFile} found in {root})");
        string user = System.IO.Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "GanNotebooks", "data");
        return (user, $"the per-user folder ({Variable} is not set and no {CourseRepository.SolutionFile} was found above " +
                      $"{Environment.CurrentDirectory})");
    }
}
