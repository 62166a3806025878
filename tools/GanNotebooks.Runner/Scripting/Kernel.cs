using Microsoft.AspNetCore.Html;

namespace GanNotebooks.Runner.Scripting;

/// <summary>
/// What a notebook's C# code can call as the .NET Interactive kernel offered it (imported with <c>using static</c>
/// into every notebook): <c>display(value)</c> adds an output to the running cell and returns a handle to update it.
/// </summary>
public static class Kernel
{
    /// <summary>
    /// Makes <c>display</c> the host of the library's <see cref="GanNotebooks.Display.LiveDisplay"/> (which, in the real
    /// kernel, goes through KernelInvocationContext instead: there <c>display(x).Update(y)</c> does not update in place).
    /// </summary>
    internal static void RegisterLiveDisplayHost() =>
        AppContext.SetData(GanNotebooks.Display.LiveDisplay.HostKey, (Func<object, Action<object>>)(value => display(value).Update));

    /// <summary>
    /// Shows <paramref name="value"/> as a display_data output of the running cell, formatted for
    /// <paramref name="mimeTypes"/>, or for the MIME types its type prefers when none are given.
    /// </summary>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces this output in place (e.g. a progress line).</returns>
#pragma warning disable IDE1006 // lower case: the kernel's name, which notebooks call
    public static DisplayedValue display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        MimeBundle bundle = MimeBundle.Create(value, mimeTypes);
        CellOutputs? cell = ConsoleRouter.Current;
        if (cell == null)
        {
            Console.WriteLine(bundle.PlainTextOrFirst());
            return new DisplayedValue(null, Guid.NewGuid().ToString("N"), bundle.MimeTypes);
        }
        return new DisplayedValue(cell, cell.AddDisplay(bundle.Data), bundle.MimeTypes);
    }

    /// <summary>Marks <paramref name="content"/> as HTML, so <c>display(HTML("&lt;b&gt;hi&lt;/b&gt;"))</c> renders it (as in the kernel).</summary>
#pragma warning disable IDE1006
    public static IHtmlContent HTML(string content) => new HtmlString(content);
#pragma warning restore IDE1006
}

/// <summary>A value shown with <c>display(...)</c>; <see cref="Update"/> replaces it where it was shown.</summary>
public sealed class DisplayedValue
{
    readonly CellOutputs? cell;

    internal DisplayedValue(CellOutputs? cell, string displayId, IReadOnlyList<string> mimeTypes)
    {
        this.cell = cell;
        DisplayId = displayId;
        MimeTypes = mimeTypes;
    }

    /// <summary>Identifies the output within the run.</summary>
    public string DisplayId { get; }

    /// <summary>The MIME types the value was shown as; updates use the same ones.</summary>
    public IReadOnlyCollection<string> MimeTypes { get; }

    /// <summary>Shows <paramref name="updatedValue"/> in place of the displayed value (in the cell that displayed it).</summary>
    public void Update(object? updatedValue)
    {
        MimeBundle bundle = MimeBundle.Create(updatedValue, MimeTypes.ToList());
        if (cell == null) Console.WriteLine(bundle.PlainTextOrFirst());
        else cell.UpdateDisplay(DisplayId, bundle.Data);
    }
}

/// <summary>The <c>value.Display()</c> spelling of <see cref="Kernel.display"/>.</summary>
public static class DisplayExtensions
{
    /// <summary>Same as <c>display(value, mimeTypes)</c>.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => Kernel.display(value, mimeTypes);
}
