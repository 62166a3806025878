using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using GanNotebooks.Display;
using GanNotebooks.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks;

/// <summary>One trained run of a comparison: a variant with one seed, and its scores.</summary>
/// <param name="Variant">E.g. "DCGAN".</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Steps">Generator steps.</param>
/// <param name="Fid">FID on the shipped classifier's features against the test split.</param>
/// <param name="Score">Classifier Score.</param>
/// <param name="TrainSeconds">Training wall time, scoring excluded.</param>
public sealed record CourseRun(string Variant, int Seed, long Steps, double Fid, double Score, double TrainSeconds);

/// <summary>
/// The table of a chapter's full-budget run that trains many small models instead of one (notebook 10: every variant
/// with two seeds), as the course build measured it: a class sees the full budget's numbers beside its own short run,
/// as <see cref="CourseCheckpoint"/> gives the other chapters' full results.
/// </summary>
/// <param name="Name">The file's name without ".json" (e.g. "10-capstone").</param>
/// <param name="Chapter">The notebook ("10").</param>
/// <param name="Recipe">The budget in words, e.g. "3,000 generator steps per variant and seed, batch 128, …".</param>
/// <param name="Machine">Where, e.g. "a 2-core CPU (AMD EPYC), 2 libtorch threads".</param>
/// <param name="Date">When (UTC, yyyy-MM-dd).</param>
/// <param name="Dataset">The training set.</param>
/// <param name="Samples">Images each score was measured on.</param>
/// <param name="Runs">Every run, in the order trained.</param>
public sealed record CourseResult(string Name, string Chapter, string Recipe, string Machine, string Date, string Dataset,
    int Samples, IReadOnlyList<CourseRun> Runs)
{
    /// <summary>Training wall time of all runs together.</summary>
    public double TrainSeconds => Runs.Sum(r => r.TrainSeconds);

    /// <summary>E.g. "the course build's full budget (…) on a 2-core CPU, 2026-12-05: 16 runs, 1 h 20 min of training".</summary>
    public string Label => string.Format(CultureInfo.InvariantCulture, "the course build's run ({0}) on {1}, {2}: {3} runs, {4} of training",
        Recipe, Machine, Date, Runs.Count, Duration.Format(TrainSeconds, tenths: false));
}

/// <summary>
/// Keeps and reads <see cref="CourseResult"/> tables in <c>data/course/NAME.json</c> (written atomically). A missing or
/// damaged file is an error that says what to do, never a silent fallback. Course policy, not library.
/// </summary>
public static class CourseResults
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="result"/> as <c>NAME.json</c> in <paramref name="folder"/> (default
    /// <see cref="CourseCheckpoints.Folder"/>), replacing an older table of that name only once the new one is complete.
    /// Returns the path.</summary>
    public static string Save(CourseResult result, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Runs.Count == 0)
            throw new ArgumentException($"The table '{result.Name}' has no runs: train them first, then keep the table.", nameof(result));
        folder ??= CourseCheckpoints.Folder;
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, result.Name + ".json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, Json) + "\n");
        return path;
    }

    /// <summary>The table <paramref name="name"/> (e.g. "10-capstone") from <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">No such table.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or not such a table.</exception>
    public static CourseResult Load(string name, string? folder = null)
    {
        string path = Path.Combine(folder ?? CourseCheckpoints.Folder, name + ".json");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The course has no results table {path}. Restore it with git checkout -- data/course, or " +
                $"make it with tools/build-course.sh {name} (the notebook's full budget).", path);
        CourseResult? result;
        try { result = JsonSerializer.Deserialize<CourseResult>(File.ReadAllText(path), Json); }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is damaged ({e.Message}). Restore it with git checkout -- data/course.", e);
        }
        if (result is null || result.Name != name || result.Runs is null || result.Runs.Count == 0)
            throw new InvalidDataException($"{path} is not the results table '{name}' (its name is '{result?.Name}', " +
                $"{result?.Runs?.Count ?? 0} runs). Restore it with git checkout -- data/course.");
        return result;
    }

    /// <summary>Where code runs, in the manifests' words: "a 2-core CPU (AMD EPYC 7B13), 2 libtorch threads" (with
    /// <paramref name="threads"/>, default libtorch's current count), or "a CUDA GPU".</summary>
    public static string MachineOf(Device device, int? threads = null)
    {
        if (device.type == DeviceType.CUDA) return "a CUDA GPU";
        int n = threads ?? torch.get_num_threads();
        return $"a {Environment.ProcessorCount}-core CPU ({CpuModel()}), {n} libtorch thread{(n == 1 ? "" : "s")}";
    }

    /// <summary>The CPU's model name (Linux: /proc/cpuinfo), else the processor architecture.</summary>
    public static string CpuModel()
    {
        try
        {
            return File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?
                .Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString() : RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
    }
}
