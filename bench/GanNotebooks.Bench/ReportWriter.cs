using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanNotebooks.Bench;

/// <summary>Prints the table and writes the JSON and CSV files (each via a temp file + rename).</summary>
public static class ReportWriter
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The one table: variant, device, batch, ms/step, epoch s, peak MB, live tensors Δ; then FID and micro rows.</summary>
    public static string Table(BenchReport r)
    {
        var sb = new StringBuilder();
        int? images = r.Variants.FirstOrDefault(v => v.EpochImages is not null)?.EpochImages;
        string epochHead = images is int n ? $"epoch s ({n} img)" : "epoch s";
        sb.AppendLine(C, $"data: {r.DataSource}; device: {r.Machine.Device}{(r.Machine.Gpu is { } g ? $" ({g})" : "")}; " +
                      $"torch threads: {r.Machine.TorchThreads}; {r.Framework} {r.Machine.FrameworkVersion}");
        sb.AppendLine(string.Format(C, "{0,-8} {1,-5} {2,5} {3,10} {4,10} {5,22} {6,9} {7,8} {8,9} {9,9}",
            "variant", "dev", "batch", "ms/step", "ms/step*", epochHead + " res/sync", "peak MB", "live Δ", "params G", "params D"));
        foreach (var v in r.Variants)
        {
            string epoch = v.EpochResidentS is double a ? string.Format(C, "{0:F2} / {1:F2}", a, v.EpochSyncS) : "-";
            if (v.EpochDataloaderS is double dl) epoch += string.Format(C, " / DL {0:F2}", dl);
            sb.AppendLine(string.Format(C, "{0,-8} {1,-5} {2,5} {3,10:F2} {4,10:F2} {5,22} {6,9} {7,8} {8,9} {9,9}",
                v.Variant, v.Device, v.Batch, v.StepMs, v.StepSyncMs, epoch,
                v.PeakMb is double p ? p.ToString("F0", C) : "n/a", v.LiveTensorsDelta?.ToString(C) ?? "n/a", v.ParamsG, v.ParamsD));
        }
        if (r.Variants.Count > 0)
            sb.AppendLine("ms/step: no host sync per step (synchronized per chunk); ms/step*: a host sync (metrics read) every step.");
        foreach (var f in r.Fid)
            sb.AppendLine(string.Format(C, "FID {0,-30} {1,-5} {2}x{3}: {4,9:F1} ms (stats {5} ms)  value {6:F4}{7}",
                f.Method, f.Device, f.N, f.D, f.Ms, f.StatsMs?.ToString("F1", C) ?? "-", f.Value, f.Note is null ? "" : "  " + f.Note));
        foreach (var e in r.Experiments)
            sb.AppendLine(string.Format(C, "exp {0,-6} {1,-38} {2,-5} b{3,-4} {4,9:F2} ms/step (min {5:F2}), {6,6:F0} tensors/step{7}",
                e.Variant, e.Name, e.Device, e.Batch, e.StepMs, e.StepMsMin, e.TensorsPerStep,
                e.MaxParamDiffVsCopy is double dd ? string.Format(C, ", max |Δw| vs copy after 3 steps {0:G3}", dd) : ""));
        foreach (var m in r.Micro)
            sb.AppendLine(string.Format(C, "micro {0,-34} {1,-5} {2,10:F1} µs/call{3}", m.Name, m.Device, m.UsPerCall,
                m.Note is null ? "" : "  " + m.Note));
        return sb.ToString();
    }

    /// <summary>Writes FILE.json and FILE.csv (one row per variant) atomically.</summary>
    public static void Write(BenchReport r, string jsonPath)
    {
        WriteAtomic(jsonPath, JsonSerializer.Serialize(r, Json));
        WriteAtomic(Path.ChangeExtension(jsonPath, ".csv"), Csv(r));
    }

    public static string Csv(BenchReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("framework,variant,device,batch,critic_steps,params_g,params_d,step_ms,step_ms_min,step_sync_ms," +
                      "epoch_images,epoch_resident_s,epoch_sync_s,epoch_dataloader_s,peak_mb,live_tensors_delta");
        foreach (var v in r.Variants)
            sb.AppendLine(string.Join(",", r.Framework, v.Variant, v.Device, N(v.Batch), N(v.CriticSteps), N(v.ParamsG), N(v.ParamsD),
                N(v.StepMs), N(v.StepMsMin), N(v.StepSyncMs), N(v.EpochImages), N(v.EpochResidentS), N(v.EpochSyncS),
                N(v.EpochDataloaderS), N(v.PeakMb), N(v.LiveTensorsDelta)));
        foreach (var f in r.Fid)
            sb.AppendLine(string.Join(",", r.Framework, "fid:" + f.Method, f.Device, N(f.N), "", N(f.D), "", N(f.Ms), "", "", "", "", "", "", "", ""));
        return sb.ToString();
    }

    static string N(object? x) => x switch
    {
        null => "",
        double d => d.ToString("G6", C),
        IFormattable f => f.ToString(null, C),
        _ => x.ToString() ?? "",
    };

    public static void WriteAtomic(string path, string text) => GanNotebooks.IO.AtomicFile.WriteAllText(path, text);
}
