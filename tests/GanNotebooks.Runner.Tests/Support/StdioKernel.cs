using System.Diagnostics;
using System.Text.Json.Nodes;

namespace GanNotebooks.Runner.Tests.Support;

/// <summary><c>dotnet interactive stdio</c>: one JSON command envelope per line in, one event envelope per line out.</summary>
public sealed class StdioKernel : IDisposable
{
    public sealed record KernelEvent(string Type, string? ValueId, string? Value);

    readonly Process process;
    int lastToken;

    StdioKernel(Process process) => this.process = process;

    public static StdioKernel Start()
    {
        var start = new ProcessStartInfo("dotnet", ["interactive", "stdio", "--default-kernel", "csharp"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false, WorkingDirectory = TestPaths.RepoRoot,   // the local tool of .config/dotnet-tools.json
        };
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new StdioKernel(process);
    }

    /// <summary>Submits C# code and returns its display events, once the kernel says the command succeeded.</summary>
    public List<KernelEvent> Submit(string code)
    {
        var (events, failure) = SubmitAndCancel(code, cancelWhen: null);
        Assert.True(failure == null, $"the kernel failed {code}: {failure}");
        return events;
    }

    /// <summary>
    /// Submits C# code and sends the kernel's Cancel command (what VS Code Polyglot Notebooks' stop button sends) at the
    /// first display event for which <paramref name="cancelWhen"/> is true. Returns the display events and, when the
    /// command failed (a cancelled one does: "Command cancelled."), the kernel's message.
    /// </summary>
    public (List<KernelEvent> Events, string? Failure) SubmitAndCancel(string code, Func<KernelEvent, bool>? cancelWhen)
    {
        string token = $"test-{++lastToken}";
        Send(token, "SubmitCode", new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" });
        var events = new List<KernelEvent>();
        var seen = new Queue<string>();           // the last events of any kind, for the message if the kernel never answers
        TimeSpan? cancelledAt = null;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            var read = process.StandardOutput.ReadLineAsync();
            if (!read.Wait(TimeSpan.FromMinutes(3)) || read.Result is not { } line) break;
            if (!line.StartsWith('{')) continue;
            var e = JsonNode.Parse(line)!;
            string type = (string?)e["eventType"] ?? "";
            string? text = PlainText(e["event"]?["formattedValues"]);
            seen.Enqueue($"{deadline.Elapsed.TotalSeconds:F1} s {type} ({(string?)e["command"]?["token"]}) {Shorten(text)}");
            if (seen.Count > 8) seen.Dequeue();
            if (type is "DisplayedValueProduced" or "DisplayedValueUpdated")
            {
                events.Add(new KernelEvent(type, (string?)e["event"]!["valueId"], text));
                if (cancelWhen?.Invoke(events[^1]) == true)
                {
                    Send($"{token}-cancel", "Cancel", new JsonObject { ["targetKernelName"] = "csharp" });
                    cancelWhen = null;
                    cancelledAt = deadline.Elapsed;
                }
            }
            if (type is "CommandSucceeded" or "CommandFailed" && (string?)e["command"]?["token"] == token)
                return (events, type == "CommandSucceeded" ? null : (string?)e["event"]?["message"] ?? "failed");
        }
        throw new TimeoutException(
            $"dotnet interactive stdio did not finish: {code} ({events.Count} displays; " +
            (cancelledAt is { } at ? $"Cancel sent at {at.TotalSeconds:F1} s" : cancelWhen is null ? "no Cancel asked for" : "Cancel never sent: no display matched") +
            $"; alive: {!process.HasExited}); its last events:\n{string.Join('\n', seen)}");
    }

    static string Shorten(string? text) => (text ?? "").ReplaceLineEndings(" ") is var line && line.Length > 120 ? line[..120] + "…" : line;

    void Send(string token, string commandType, JsonObject command)
    {
        var envelope = new JsonObject { ["token"] = token, ["commandType"] = commandType, ["command"] = command };
        process.StandardInput.WriteLine(envelope.ToJsonString());
        process.StandardInput.Flush();
    }

    // The text/plain of a display's formatted values (the first value when there is no text/plain).
    static string? PlainText(JsonNode? values) =>
        (string?)(values?.AsArray().FirstOrDefault(v => (string?)v?["mimeType"] == "text/plain") ?? values?.AsArray().FirstOrDefault())?["value"];

    public void Dispose()
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }   // already gone
        process.Dispose();
    }
}
