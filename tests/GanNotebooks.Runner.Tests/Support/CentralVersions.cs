using System.Xml.Linq;

namespace GanNotebooks.Runner.Tests.Support;

/// <summary>Package versions read straight from Directory.Packages.props (not through the runner's embedded list).</summary>
public static class CentralVersions
{
    public static string Of(string package) =>
        XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == package)
            .Attribute("Version")!.Value;
}
