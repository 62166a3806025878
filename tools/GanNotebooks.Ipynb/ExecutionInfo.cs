using System.Globalization;
using System.Text.Json.Nodes;
using GanNotebooks.Display;

namespace GanNotebooks.Ipynb;

/// <summary>
/// How a notebook was executed, kept in its metadata as <c>metadata.gannotebooks.executed</c>:
/// <c>{"device": "cuda (NVIDIA H100)", "wall_time_s": 512.3, "library_version": "0.1.0", "date": "2025-01-31T14:02:00Z"}</c>.
/// Every key is optional. The runner writes it (<see cref="WriteTo"/>); the export shows it under the title.
/// </summary>
/// <param name="Device">The device the notebook ran on, in words.</param>
/// <param name="WallTimeSeconds">Wall time of the whole run, in seconds.</param>
/// <param name="LibraryVersion">The GanNotebooks library version.</param>
/// <param name="Date">When the run finished, ISO 8601.</param>
/// <param name="Engine">What executed it when not our runner, e.g. "dotnet-interactive (the .NET Interactive kernel, via nbclient)".</param>
public sealed record ExecutionInfo(string? Device, double? WallTimeSeconds, string? LibraryVersion, string? Date, string? Engine = null)
{
    /// <summary>The notebook metadata key holding our metadata.</summary>
    public const string MetadataKey = "gannotebooks";

    /// <summary>The key under <see cref="MetadataKey"/> holding this record.</summary>
    public const string ExecutedKey = "executed";

    /// <summary>Reads the record from a notebook's top-level metadata; null when absent.</summary>
    public static ExecutionInfo? From(JsonObject? notebookMetadata)
    {
        if (notebookMetadata?[MetadataKey]?[ExecutedKey] is not JsonObject executed) return null;
        string? Str(string key) => executed[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        double? wall = executed["wall_time_s"] is JsonValue w && w.TryGetValue(out double d) ? d : null;
        return new ExecutionInfo(Str("device"), wall, Str("library_version"), Str("date"), Str("engine"));
    }

    /// <summary>Stores the record into a notebook's top-level metadata, replacing an earlier one.</summary>
    public void WriteTo(JsonObject notebookMetadata)
    {
        var executed = new JsonObject();
        if (Device is not null) executed["device"] = Device;
        if (WallTimeSeconds is double wall) executed["wall_time_s"] = Math.Round(wall, 1);
        if (LibraryVersion is not null) executed["library_version"] = LibraryVersion;
        if (Date is not null) executed["date"] = Date;
        if (Engine is not null) executed["engine"] = Engine;
        if (notebookMetadata[MetadataKey] is not JsonObject ours) notebookMetadata[MetadataKey] = ours = [];
        ours[ExecutedKey] = executed;
    }

    /// <summary>"executed on cuda (NVIDIA H100), 2025-01-31 14:02 UTC, wall time 8 min 32 s, GanNotebooks 0.1.0".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Device)) parts.Add($"executed on {Device}");
        if (!string.IsNullOrWhiteSpace(Date)) parts.Add((parts.Count == 0 ? "executed " : "") + FormatDate(Date));
        if (WallTimeSeconds is double wall) parts.Add($"wall time {Duration.Format(wall)}");
        if (!string.IsNullOrWhiteSpace(LibraryVersion)) parts.Add($"GanNotebooks {LibraryVersion}");
        if (!string.IsNullOrWhiteSpace(Engine)) parts.Add($"by {Engine}");
        return string.Join(", ", parts);
    }

    static string FormatDate(string date) =>
        DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : date;
}
