using System.Text.Json;

namespace GanNotebooks.Oracle.Tests;

/// <summary>
/// One question to PyTorch: its kind (oracle.py's KINDS), parameters and input tensors, with what the C# library
/// answered (<see cref="Actual"/>, the value under test). After the oracle ran, <see cref="Expected"/> holds PyTorch's
/// answer, the reference.
/// </summary>
sealed class OracleCase(string name, string kind, object parameters)
{
    public string Name { get; } = name;
    public string Kind { get; } = kind;
    public object Parameters { get; } = parameters;
    public Dictionary<string, Tensor> Inputs { get; } = [];
    public Dictionary<string, Tensor> Actual { get; } = [];
    /// <summary>Anything the C# side wants to compare beyond tensors (e.g. the initial weights of a training run).</summary>
    public Dictionary<string, Tensor> Before { get; } = [];
    public Dictionary<string, Tensor> Expected { get; private set; } = [];
    public JsonElement Info { get; private set; }

    /// <summary>Set when building the case failed on the C# side; the case's test rethrows it.</summary>
    public Exception? BuildError { get; init; }

    /// <summary>Runs <paramref name="build"/>; a C# side that throws becomes a case that reports it (its test fails, the others run).</summary>
    internal static OracleCase Build(string name, Func<OracleCase> build)
    {
        try { return build(); }
        catch (Exception e) { return new OracleCase(name, "none", new { }) { BuildError = e }; }
    }
    /// <summary>Set when the oracle could not answer (its traceback).</summary>
    public string? OracleError { get; private set; }

    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "case.json"),
            JsonSerializer.Serialize(new Dictionary<string, object> { ["kind"] = Kind, ["params"] = Parameters }, Json.Options));
        TensorStore.Write(Path.Combine(folder, "in"), Inputs);
    }

    public void ReadResult(string folder)
    {
        var resultFile = Path.Combine(folder, "result.json");
        if (!File.Exists(resultFile)) { OracleError = "the oracle wrote no result.json"; return; }
        using var doc = JsonDocument.Parse(File.ReadAllText(resultFile));
        if (!doc.RootElement.GetProperty("ok").GetBoolean())
        {
            OracleError = doc.RootElement.GetProperty("error").GetString();
            return;
        }
        Info = doc.RootElement.GetProperty("info").Clone();
        Expected = TensorStore.Read(Path.Combine(folder, "out"));
    }

    /// <summary>Throws the C# or oracle failure of this case, if any.</summary>
    public OracleCase Checked()
    {
        if (BuildError is not null) throw new InvalidOperationException($"{Name}: the C# side failed.", BuildError);
        if (OracleError is not null) Assert.Fail($"{Name}: PyTorch could not run the case:\n{OracleError}");
        return this;
    }

    public override string ToString() => Name;
}
