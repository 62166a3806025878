using System.Diagnostics;
using GanNotebooks.Testing;

namespace GanNotebooks.Runner.Tests.Support;

/// <summary>Jupyter's own nbformat package (Debian's python3-nbformat) as an independent judge of written notebooks.</summary>
public static class Nbformat
{
    public static string Python => TestMachine.Python;

    /// <summary>
    /// Validates <paramref name="path"/> against the nbformat 4 schema (missing cell ids count as errors) and returns
    /// the text nbformat itself would write for the same notebook. Without nbformat the test is skipped, or fails under CI
    /// (<see cref="TestMachine.Require"/>).
    /// </summary>
    public static string ValidateAndRewrite(string path)
    {
        const string script = """
            import json, sys, warnings, nbformat
            warnings.simplefilter("error")
            nb = nbformat.from_dict(json.load(open(sys.argv[1], encoding="utf-8")))
            nbformat.validate(nb)
            sys.stdout.write(nbformat.writes(nb, version=nbformat.NO_CONVERT) + "\n")
            """;
        var (exit, stdout, stderr) = RunPython(script, path);
        Assert.True(exit == 0, $"nbformat rejects {path}:\n{stderr}");
        return stdout;
    }

    static (int Exit, string Stdout, string Stderr) RunPython(string script, string path)
    {
        TestMachine.RequireFile(Python, "nbformat cannot check the notebook: apt-get install python3-nbformat, or set GAN_PYTHON");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(path);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        TestMachine.Require(!stderr.Contains("No module named 'nbformat'", StringComparison.Ordinal),
            $"{Python} lacks the nbformat module (apt-get install python3-nbformat).");
        return (process.ExitCode, stdout.Result, stderr);
    }
}
