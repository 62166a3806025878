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
    readonly CellOutputs _outputs;
    readonly TextWriter _log;
    readonly string _prefix;
    readonly EngineSettings _options;
    readonly Action _save;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly Timer _timer;
    readonly object _gate = new();
    TimeSpan _lastPrint, _lastSave;
    string? _printed;
    int _savedVersion;
    bool _disposed;

    /// <param name="outputs">The running cell's outputs.</param>
    /// <param name="log">The console (the runner's progress log).</param>
    /// <param name="prefix">The cell's progress line as written so far ("  [18/25] cell 26  int totalSteps = … ").</param>
    /// <param name="options">Whether the log is a terminal, and how often to print and save.</param>
    /// <param name="save">Writes the outputs so far into the executed notebook on disk.</param>
    public CellMonitor(CellOutputs outputs, TextWriter log, string prefix, EngineSettings options, Action save)
    {
        (_outputs, _log, _prefix, _options, _save) = (outputs, log, prefix, options, save);
        _savedVersion = outputs.Version;
        var tick = options.TerminalProgress ? TimeSpan.FromMilliseconds(250) : Min(options.ProgressEvery, options.SaveEvery, TimeSpan.FromSeconds(1));
        using (ExecutionContext.SuppressFlow())   // the timer runs outside the cell: nothing it does is the cell's output
            _timer = new Timer(_ => Tick(), null, tick, tick);
    }

    void Tick()
    {
        lock (_gate)
        {
            if (_disposed) return;
            var now = _clock.Elapsed;
            if (now - _lastSave >= _options.SaveEvery && _outputs.Version != _savedVersion)
            {
                _savedVersion = _outputs.Version;
                _lastSave = now;
                try { _save(); }
                catch (IOException) { }   // the next refresh, or the save at the end of the cell, writes it
            }
            if (_outputs.Latest is not { } latest || latest == _printed) return;
            if (_options.TerminalProgress) _log.Write($"\r\u001b[K{_prefix}{Fit(latest, TerminalWidth() - _prefix.Length - 1)}");
            else if (now - _lastPrint >= _options.ProgressEvery) _log.Write($"\n      {Seconds(now)} {latest}");
            else return;
            _log.Flush();
            (_printed, _lastPrint) = (latest, now);
        }
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
        _timer.Dispose();
        if (_printed is null) return;                 // nothing printed after the prefix
        _log.Write(_options.TerminalProgress ? $"\r\u001b[K{_prefix}" : $"\n{_prefix}");   // the cell's line again, for its outcome
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
