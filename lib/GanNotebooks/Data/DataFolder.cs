namespace GanNotebooks.Data;

/// <summary>
/// Where dataset files are kept: an explicit folder, else the <c>GAN_DATA_DIR</c> environment variable, else the
/// default folder that the application supplies (<see cref="Default"/>: the course supplies its repository's
/// <c>data/</c> when the library runs inside it), else a per-user folder.
/// Each dataset has a sub-folder named after it: <c>{data folder}/fashion-mnist/train-images-idx3-ubyte.gz</c>.
/// Taught in notebook 01.
/// </summary>
public static class DataFolder
{
    /// <summary>Environment variable naming the data folder.</summary>
    public const string Variable = "GAN_DATA_DIR";

    /// <summary>
    /// The folder used when neither the option nor <see cref="Variable"/> names one, and where it came from (for
    /// messages), or a null path and why there is none. Supplied from outside the data layer, which knows no
    /// repository: the course layer sets it when the library loads.
    /// </summary>
    internal static Func<(string? Path, string Source)>? Default { get; set; }

    /// <summary>The data folder (an absolute path; it need not exist yet).</summary>
    /// <param name="explicitFolder">Wins over everything else when given.</param>
    public static string Resolve(string? explicitFolder = null) => ResolveWithSource(explicitFolder).Path;

    /// <summary>The data folder and where the choice came from (for messages).</summary>
    internal static (string Path, string Source) ResolveWithSource(string? explicitFolder) =>
        ResolveWithSource(explicitFolder, Default);

    /// <summary><see cref="ResolveWithSource(string?)"/> with the default supplied by the caller (tests).</summary>
    internal static (string Path, string Source) ResolveWithSource(string? explicitFolder,
        Func<(string? Path, string Source)>? suppliedDefault)
    {
        if (!string.IsNullOrWhiteSpace(explicitFolder))
            return (System.IO.Path.GetFullPath(explicitFolder), "the DataDir option");
        string? env = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(env))
            return (System.IO.Path.GetFullPath(env), $"{Variable}={env}");
        var supplied = suppliedDefault?.Invoke();
        if (supplied is (string path, string source)) return (path, source);
        string user = System.IO.Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "GanNotebooks", "data");
        return (user, $"the per-user folder ({Variable} is not set{(supplied is { Source: var why } ? $" and {why}" : "")})");
    }

    /// <summary>The supplied default folder (<see cref="Default"/>), or null when there is none.</summary>
    internal static string? DefaultFolder() => Default?.Invoke().Path;
}
