namespace GanNotebooks.Runner.Tests.Support;

/// <summary>A fresh folder under the system temp folder (or under <c>under</c>), deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    /// <param name="under">Where to make it: the real kernel, say, starts only inside the repository (its local tool).</param>
    public TempDir(string? under = null)
    {
        Path = System.IO.Path.Combine(under ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gan-runner-tests"), Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // best effort: a leftover temp folder is harmless
    }
}
