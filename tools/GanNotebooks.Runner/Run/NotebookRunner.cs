using GanNotebooks.Runner.Engines;
using GanNotebooks.Runner.Engines.Kernel;
using GanNotebooks.Runner.Engines.Roslyn;

namespace GanNotebooks.Runner.Run;

/// <summary>
/// Runs notebooks headless with the Polyglot C# kernel's semantics (see README.md, "Runner"). The API behind
/// <c>GanNotebooks.Runner run</c>, for tests that execute notebooks.
/// </summary>
public static class NotebookRunner
{
    // A run changes process-wide state (current directory, Console.Out/Error routing, Formatter registrations), so
    // runs inside one process take turns.
    static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Runs one notebook and writes the executed copy (see <see cref="RunOptions"/>); never throws for notebook problems.</summary>
    public static async Task<RunResult> RunAsync(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        await OneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            // Off any caller's synchronization context: cells block, await and start tasks as in the kernel.
            INotebookEngine engine = options.InKernel ? new KernelEngine() : new RoslynEngine();
            return await Task.Run(() => new NotebookRun(options, engine).RunAsync()).ConfigureAwait(false);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>Synchronous <see cref="RunAsync"/>.</summary>
    public static RunResult Run(RunOptions options) => RunAsync(options).GetAwaiter().GetResult();
}
