using System.Diagnostics;

namespace GanNotebooks.Display;

/// <summary>
/// An output that updates in place, in every host: <c>var live = LiveDisplay.Show(progress);</c> then
/// <c>live.Update(progress)</c> as training goes. Taught in notebook 01, used by every training loop.
/// </summary>
/// <remarks>
/// Why not the kernel's own <c>var h = display(x); h.Update(y);</c>: in the final .NET Interactive kernel
/// (1.0.712001, the engine of VS Code Polyglot Notebooks; archived, so it gets no fix) the update carries a display id
/// other than the one the display was shown with: on the Jupyter protocol <c>update_display_data</c> names an id no
/// output has, on VS Code's protocol <c>DisplayedValueUpdated</c> a valueId no output has, and every frontend keeps the
/// first frame. <c>KernelInvocationContext.Current.Display(value)</c> returns a handle whose updates carry the right id;
/// this class calls it by reflection (the library does not reference .NET Interactive). The hosts, in order:
/// <list type="number">
/// <item>the .NET Interactive kernel (VS Code Polyglot Notebooks, JupyterLab, nbclient): in place, as above;</item>
/// <item>a host that registered <see cref="HostKey"/> with <see cref="AppContext.SetData"/> (our runner): its display;</item>
/// <item>anything else (a console program): the value's text, at the first call and then at most every 10 seconds.</item>
/// </list>
/// </remarks>
public sealed class LiveDisplay
{
    /// <summary>
    /// The <see cref="AppContext"/> data name under which a notebook host registers its display, as a
    /// <c>Func&lt;object, Action&lt;object&gt;&gt;</c>: show a value, return the action that replaces it in place.
    /// </summary>
    public const string HostKey = "GanNotebooks.Display.LiveDisplayHost";

    static readonly TimeSpan ConsoleInterval = TimeSpan.FromSeconds(10);

    readonly Action<object> update;

    LiveDisplay(Action<object> update, string host)
    {
        this.update = update;
        Host = host;
    }

    /// <summary>Where the output goes: "dotnet-interactive", "notebook host" or "console".</summary>
    public string Host { get; }

    /// <summary>Shows <paramref name="value"/> as an output of the running cell, and returns the handle to update it.</summary>
    public static LiveDisplay Show(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (DotNetInteractive.TryDisplay(value) is { } kernelUpdate) return new LiveDisplay(kernelUpdate, "dotnet-interactive");
        if (AppContext.GetData(HostKey) is Func<object, Action<object>> host) return new LiveDisplay(host(value), "notebook host");
        return new LiveDisplay(ConsoleLines(value), "console");
    }

    /// <summary>Replaces the shown value with <paramref name="value"/>.</summary>
    public void Update(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        update(value);
    }

    static Action<object> ConsoleLines(object first)
    {
        Console.WriteLine(first);
        var since = Stopwatch.StartNew();
        return value =>
        {
            if (since.Elapsed < ConsoleInterval) return;
            Console.WriteLine(value);
            since.Restart();
        };
    }

    /// <summary>The .NET Interactive kernel's display, reached by reflection (<see cref="InteractiveKernel"/>).</summary>
    static class DotNetInteractive
    {
        /// <summary>Displays through <c>KernelInvocationContext.Current.Display(value)</c>; null outside a running kernel cell.</summary>
        public static Action<object>? TryDisplay(object value)
        {
            if (InteractiveKernel.CurrentContext() is not var (context, contextType, kernel)) return null;
            var display = InteractiveKernel.Type(kernel, "KernelInvocationContextExtensions")?
                .GetMethod("Display", [contextType, typeof(object), typeof(string[])]);
            var handle = display?.Invoke(null, [context, value, Array.Empty<string>()]);
            var updateMethod = handle?.GetType().GetMethod("Update", [typeof(object)]);
            if (handle is null || updateMethod is null) return null;
            return v => updateMethod.Invoke(handle, [v]);
        }
    }
}
