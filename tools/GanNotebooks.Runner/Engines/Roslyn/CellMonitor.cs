using System.Diagnostics;
using System.Globalization;
using GanNotebooks.Runner.Scripting;

namespace GanNotebooks.Runner.Engines.Roslyn;

/// <summary>
/// Keeps a long cell from being silent. While the cell runs, the console shows the latest thing it displayed (its
/// progress line): rewritten in place on a terminal, else one line every <see cref="EngineSettings.ProgressEvery"/>; and
/// the executed notebook on disk is refreshed with the outputs so far every <see cref="EngineSettings.SaveEvery"/>.
/// </summary>
internal sealed class CellMonitor : IDisposable
{
    readonly CellOutputs outputs;
    readonly TextWriter log;
    readonly string prefix;
    readonly EngineSettings options;
    readonly Action save;
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly Timer timer;
    readonly object gate = new();
    TimeSpan lastPrint, lastSave;
    string? printed;
    int savedVersion;
    bool disposed;

    /// <param name="outputs">The running cell's outputs.</param>
    /// <param name="log">The console (the runner's progress log).</param>
    /// <param name="prefix">The cell's progress line as written so far ("  [18/25] cell 26  int totalSteps = … ").</param>
    /// <param name="options">Whether the log is a terminal, and how often to print and save.</param>
    /// <param name="save">Writes the outputs so far into the executed notebook on disk.</param>
    public CellMonitor(CellOutputs outputs, TextWriter log, string prefix, EngineSettings options, Action save)
    {
        (this.outputs, this.log, this.prefix, this.options, this.save) = (outputs, log, prefix, options, save);
        savedVersion = outputs.Version;
        var tick = options.TerminalProgress ? TimeSpan.FromMilliseconds(250) : Min(options.ProgressEvery, options.SaveEvery, TimeSpan.FromSeconds(1));
        using (ExecutionContext.SuppressFlow())   // the timer runs outside the cell: nothing it does is the cell's output
            timer = new Timer(_ => Tick(), null, tick, tick);
    }

    void Tick()
    {
        lock (gate)
        {
            if (disposed) return;
            var now = clock.Elapsed;
            if (now - lastSave >= options.SaveEvery && outputs.Version != savedVersion)
            {
                savedVersion = outputs.Version;
                lastSave = now;
                try { save(); }
                catch (IOException) { }   // the next refresh, or the save at the end of the cell, writes it
            }
            if (outputs.Latest is not { } latest || latest == printed) return;
            if (options.TerminalProgress) log.Write($"\r\u001b[K{prefix}{Fit(latest, TerminalWidth() - prefix.Length - 1)}");
            else if (now - lastPrint >= options.ProgressEvery) log.Write($"\n      {Seconds(now)} {latest}");
            else return;
            log.Flush();
            (printed, lastPrint) = (latest, now);
        }
    }

    public void Dispose()
    {
        lock (gate) disposed = true;
        timer.Dispose();
        if (printed is null) return;                 // nothing printed after the prefix
        log.Write(options.TerminalProgress ? $"\r\u001b[K{prefix}" : $"\n{prefix}");   // the cell's line again, for its outcome
    }

    static int TerminalWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 120; }
        catch (IOException) { return 120; }
    }

    static string Fit(string text, int width) => width < 10 || text.Length <= width ? text : text[..(width - 1)] + "…";

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture).PadLeft(5) + " s";

    static TimeSpan Min(params TimeSpan[] values) => values.Min();
}
