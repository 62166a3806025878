using System.Text.RegularExpressions;

namespace GanNotebooks.Tests;

/// <summary>
/// The library's data, metrics and training code knows nothing of the course: not its repository's layout, not its
/// quick mode. The course layer (lib/GanNotebooks/Course) supplies what they need, e.g. the default data folder.
/// </summary>
public class LayeringTests
{
    [Theory]
    [InlineData("Data")]
    [InlineData("Metrics")]
    [InlineData("Training")]
    public void TheReusableLayersCodeNamesNoCoursePolicy(string folder)
    {
        string root = CourseRepository.FindRoot(AppContext.BaseDirectory)!;
        foreach (string file in Directory.GetFiles(Path.Combine(root, "lib", "GanNotebooks", folder), "*.cs"))
        {
            // Code only: a doc comment may point the reader at the course's use of a type.
            string code = string.Join('\n', File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            Assert.False(Regex.IsMatch(code, @"\bCourse\w*\.|\bquick\b", RegexOptions.IgnoreCase), $"{file} names the course's policy");
        }
    }
}
