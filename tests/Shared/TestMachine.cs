namespace GanNotebooks.Testing;

/// <summary>
/// What the tests need from the machine beyond the .NET SDK, where it is, and what happens when it is not there. Each
/// path has today's Debian location as its default and an environment variable that overrides it. One rule decides
/// skip or fail for all of them: on a developer's machine a missing tool skips the test with how to install it; under
/// CI (<c>CI=true</c>) it fails the test, so a badly set-up CI machine cannot pass by skipping the heavy checks.
/// Linked into every test project (tests/Shared/), so the rule and the paths are written once.
/// </summary>
public static class TestMachine
{
    /// <summary>Debian's python3 with Jupyter's packages (nbformat, nbclient); <c>GAN_PYTHON</c> overrides it, as it
    /// does for the runner's <c>run --kernel</c>.</summary>
    public static string Python => PathFrom("GAN_PYTHON", "/usr/bin/python3");

    /// <summary>The headless browser of the export tests (Debian's <c>chromium</c>); <c>GAN_CHROMIUM</c> overrides it.</summary>
    public static string Chromium => PathFrom("GAN_CHROMIUM", "/usr/bin/chromium");

    /// <summary>Debian's <c>dataset-fashion-mnist</c> files; <c>GAN_FASHION_MNIST_DIR</c> names another folder holding
    /// the same four .gz files.</summary>
    public static string FashionMnistFolder => PathFrom("GAN_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist");

    /// <summary>The private prefix tools/setup-oracle.sh unpacks Debian's python3-torch into; <c>GAN_ORACLE_PREFIX</c>
    /// overrides it (setup-oracle.sh reads the same variable).</summary>
    public static string OraclePrefix => PathFrom("GAN_ORACLE_PREFIX", "/var/cache/gannotebooks/pytorch-oracle");

    /// <summary>The python that runs the PyTorch oracle: Debian's, whose version matches the unpacked python3-torch
    /// (the python first on PATH may be another one); <c>GAN_ORACLE_PYTHON</c> overrides it.</summary>
    public static string OraclePython => PathFrom("GAN_ORACLE_PYTHON", "/usr/bin/python3");

    /// <summary>True under CI: the <c>CI</c> variable is "true" or "1" (GitHub Actions, GitLab and .ci/run set it).</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>
    /// Returns when <paramref name="present"/>; otherwise skips the test with <paramref name="missing"/> (what is
    /// missing and how to install it), or fails it under CI.
    /// </summary>
    public static void Require(bool present, string missing)
    {
        if (present) return;
        if (IsCi) Assert.Fail($"{missing} Under CI (CI=true) a missing tool fails the test instead of skipping it.");
        Assert.Skip(missing);
    }

    /// <summary><see cref="Require"/> for a file the test runs or reads.</summary>
    public static void RequireFile(string path, string install) =>
        Require(File.Exists(path), $"{path} is missing ({install}).");

    /// <summary><see cref="Require"/> for a folder the test reads.</summary>
    public static void RequireFolder(string path, string install) =>
        Require(Directory.Exists(path), $"{path} is missing ({install}).");

    static string PathFrom(string variable, string debianDefault) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path ? path : debianDefault;
}
