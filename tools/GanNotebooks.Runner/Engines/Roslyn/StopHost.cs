using GanNotebooks.Training;

namespace GanNotebooks.Runner.Engines.Roslyn;

/// <summary>
/// Hands the runner's Ctrl+C to the notebook's code for one run: the library's <see cref="StopSignal"/> reads the token
/// registered under <see cref="StopSignal.HostKey"/>, so a training loop ends at its next step, keeping everything.
/// </summary>
internal sealed class StopHost : IDisposable
{
    readonly object? previous = AppContext.GetData(StopSignal.HostKey);

    StopHost(CancellationToken stop) => AppContext.SetData(StopSignal.HostKey, (Func<CancellationToken>)(() => stop));

    /// <summary>Registers <paramref name="stop"/> until disposed.</summary>
    public static StopHost Register(CancellationToken stop) => new(stop);

    /// <inheritdoc/>
    public void Dispose() => AppContext.SetData(StopSignal.HostKey, previous);
}
