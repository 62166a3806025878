using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

[Collection(nameof(EnvironmentVariableCollection))]
public class DataFolderTests
{
    [Fact]
    public void TheDefaultIsTheRepositorysDataFolder()
    {
        using var _ = new EnvVar(DataFolder.Variable, null);
        string? root = CourseRepository.FindRoot(AppContext.BaseDirectory);
        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "GanNotebooks.sln")));
        Assert.Equal(Path.Combine(root, "data"), DataFolder.Resolve());
    }

    [Fact]
    public void WithoutASuppliedDefaultItIsThePerUserFolderAndSaysWhy()
    {
        using var _ = new EnvVar(DataFolder.Variable, null);
        var (path, source) = DataFolder.ResolveWithSource(null, () => (null, "no course here"));
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "GanNotebooks", "data"), path);
        Assert.Equal($"the per-user folder ({DataFolder.Variable} is not set and no course here)", source);
        Assert.Equal(path, DataFolder.ResolveWithSource(null, null).Path);
    }

    [Fact]
    public void TheEnvironmentVariableBeatsTheDefaultAndTheOptionBeatsBoth()
    {
        using var folder = new TempFolder();
        using var _ = new EnvVar(DataFolder.Variable, folder.Path);
        Assert.Equal(folder.Path, DataFolder.Resolve());
        Assert.Equal(Path.GetFullPath("elsewhere"), DataFolder.Resolve("elsewhere"));
    }

    [Fact]
    public void NoRepositoryAboveAFolderWithoutTheSolution()
    {
        Assert.Null(CourseRepository.FindRoot(Path.GetTempPath()));
    }
}
