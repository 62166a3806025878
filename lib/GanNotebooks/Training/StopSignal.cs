using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GanNotebooks.Training;

/// <summary>
/// The stop button, cooperatively: a training loop asks <see cref="Listen"/> for a token when it starts and checks it
/// between steps, so pressing stop ends the cell at the next step with the networks, optimizers and history intact.
/// Used by <see cref="TrainingLoop"/>; taught in notebook 01.
/// </summary>
/// <remarks>
/// Where a stop comes from, per host (the library references none of them; each is found at run time):
/// <list type="number">
/// <item><b>VS Code Polyglot Notebooks</b> sends the kernel's <c>Cancel</c> command, which cancels
/// <c>KernelInvocationContext.Current.CancellationToken</c> (reached by reflection, as <c>LiveDisplay</c> reaches the
/// kernel's display). The kernel itself never stops running code (dotnet/interactive#3387).</item>
/// <item><b>Jupyter front ends</b> (JupyterLab, VS Code's Jupyter extension, nbclient) interrupt this kernel with SIGINT.
/// The kernel's host (.NET's <c>ConsoleLifetime</c>) answers SIGINT by shutting the kernel down, losing every variable.
/// Inside the .NET Interactive kernel on Linux and macOS this class takes SIGINT over at <see cref="Arm"/> (every
/// notebook's <c>Setup.Seed</c>) or the first <see cref="Listen"/>: it
/// unregisters the host's handler and registers its own, which requests a stop of the running loop (and does nothing
/// between loops), so the stop button never kills the kernel again. The kernel's <c>interrupt_mode: message</c>
/// does not help: its final version reads no <c>interrupt_request</c> while a cell runs (the control channel only
/// handles shutdown, the shell channel waits for the cell), measured with jupyter_client.</item>
/// <item><b>A notebook host</b> (our runner: Ctrl+C) registers a <c>Func&lt;CancellationToken&gt;</c> under
/// <see cref="HostKey"/> with <see cref="AppContext.SetData"/>.</item>
/// </list>
/// </remarks>
public static class StopSignal
{
    /// <summary>
    /// The <see cref="AppContext"/> data name under which a notebook host registers its stop request as a
    /// <c>Func&lt;CancellationToken&gt;</c> (the token of the cell now running).
    /// </summary>
    public const string HostKey = "GanNotebooks.Training.StopHost";

    static readonly object Gate = new();
    static CancellationTokenSource? interrupt;      // SIGINT's source while a loop listens
    static PosixSignalRegistration? sigint;

    /// <summary>
    /// Whether SIGINT (Jupyter's stop button) requests a stop instead of shutting the kernel down; set once
    /// <see cref="Listen"/> ran inside the .NET Interactive kernel on Linux or macOS.
    /// </summary>
    public static bool OwnsInterrupt => sigint is not null;

    /// <summary>
    /// Starts listening for a stop: the returned listener's <see cref="Listener.Requested"/> turns true when the user
    /// presses stop (in any host above) until it is disposed. Call once per cell run, on the cell's thread.
    /// </summary>
    public static Listener Listen()
    {
        var tokens = new List<CancellationToken>();
        if (KernelToken() is CancellationToken kernel) tokens.Add(kernel);
        if (AppContext.GetData(HostKey) is Func<CancellationToken> host) tokens.Add(host());
        CancellationTokenSource? own = null;
        if (InKernel() && TakeOverInterrupt())
            lock (Gate)
            {
                interrupt = own = new CancellationTokenSource();
                tokens.Add(own.Token);
            }
        return new Listener(tokens, own);
    }

    /// <summary>
    /// Inside the .NET Interactive kernel (Linux, macOS), takes SIGINT over now rather than at the first training loop, so
    /// that Jupyter's stop button never shuts the kernel down; elsewhere does nothing. <c>Setup.Seed</c> calls it.
    /// </summary>
    public static void Arm()
    {
        if (InKernel()) TakeOverInterrupt();
    }

    /// <summary>Asks the running loop to stop, as the stop button does (for tests, and for code that decides to stop).</summary>
    public static void RequestInterrupt()
    {
        lock (Gate) interrupt?.Cancel();
    }

    /// <summary>A stop request being listened for; dispose when the loop ends.</summary>
    public sealed class Listener : IDisposable
    {
        readonly CancellationTokenSource linked;
        readonly CancellationTokenSource? own;     // SIGINT's source for this listener, or null

        internal Listener(IReadOnlyList<CancellationToken> tokens, CancellationTokenSource? own)
        {
            linked = tokens.Count == 0 ? new CancellationTokenSource() : CancellationTokenSource.CreateLinkedTokenSource([.. tokens]);
            this.own = own;
        }

        /// <summary>True once stop was pressed (or <see cref="Cancel"/> called) since this listener started.</summary>
        public bool Requested => linked.IsCancellationRequested;

        /// <summary>The token to pass to code that takes one.</summary>
        public CancellationToken Token => linked.Token;

        /// <summary>Requests a stop through this listener only.</summary>
        public void Cancel() => linked.Cancel();

        /// <inheritdoc/>
        public void Dispose()
        {
            lock (Gate)
            {
                if (ReferenceEquals(interrupt, own)) interrupt = null;
                own?.Dispose();
            }
            linked.Dispose();
        }
    }

    static bool InKernel() => InteractiveKernel.IsLoaded;

    /// <summary><c>KernelInvocationContext.Current.CancellationToken</c>, or null outside a running kernel cell.</summary>
    static CancellationToken? KernelToken() =>
        InteractiveKernel.CurrentContext() is var (context, contextType, _)
            ? contextType.GetProperty("CancellationToken")?.GetValue(context) as CancellationToken?
            : null;

    /// <summary>
    /// Replaces the process's SIGINT handlers by one that requests a stop; once per process. False where that cannot be
    /// done (Windows, where Jupyter interrupts through an event instead; a runtime whose internals differ).
    /// </summary>
    static bool TakeOverInterrupt()
    {
        lock (Gate)
        {
            if (sigint is not null) return true;
            if (OperatingSystem.IsWindows()) return false;
            // The runtime keeps every PosixSignalRegistration in a static Dictionary<int, List<Token>> keyed by signal
            // number (System.Runtime.InteropServices.PosixSignalRegistration.s_registrations, .NET 6-10) and calls each
            // handler of a signal; removing the host's entry is the only way to keep its handler from running.
            var field = typeof(PosixSignalRegistration).GetField("s_registrations", BindingFlags.NonPublic | BindingFlags.Static);
            if (field?.GetValue(null) is not IDictionary registrations) return false;
            const int SigInt = 2;
            lock (registrations) registrations.Remove(SigInt);
            sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;          // no default action: the process lives
                RequestInterrupt();
            });
            return true;
        }
    }
}
