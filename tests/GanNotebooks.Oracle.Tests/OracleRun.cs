[assembly: AssemblyFixture(typeof(GanNotebooks.Oracle.Tests.OracleRun))]

namespace GanNotebooks.Oracle.Tests;

/// <summary>
/// Builds every case once (the C# side computes its answers), writes them to a temp folder, runs PyTorch once
/// over all of them (importing torch costs seconds) and reads its answers back. Fixtures are made at test time:
/// nothing binary is committed.
/// </summary>
public sealed class OracleRun : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), $"gan-oracle-{Environment.ProcessId}-{Guid.NewGuid():N}");
    readonly Dictionary<string, OracleCase> cases;
    readonly Exception? runError;

    public OracleRun()
    {
        torch.set_num_threads(1);
        cases = LossCases.All().Concat(TrainingCases.All()).Concat(NetworkCases.All()).ToDictionary(c => c.Name);
        int i = 0;
        var folders = cases.Values.ToDictionary(c => c, c => Path.Combine(dir, $"{i++:D3}"));
        foreach (var (c, folder) in folders) if (c.BuildError is null) c.Write(folder);
        try
        {
            PyTorchOracle.Run(dir);
            foreach (var (c, folder) in folders) if (c.BuildError is null) c.ReadResult(folder);
        }
        catch (Exception e)
        {
            runError = e;
        }
    }

    /// <summary>The case <paramref name="name"/>, answered by both sides (or the reason it was not).</summary>
    internal OracleCase Get(string name)
    {
        if (runError is not null) throw new InvalidOperationException(runError.Message, runError);
        return cases[name].Checked();
    }

    public void Dispose()
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
