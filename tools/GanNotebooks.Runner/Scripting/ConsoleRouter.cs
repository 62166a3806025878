using System.Text;

namespace GanNotebooks.Runner.Scripting;

/// <summary>
/// Sends Console.Out/Error writes made by a cell (and by tasks it starts) to that cell's outputs. The cell is found
/// through an <see cref="AsyncLocal{T}"/>, so anything else in the process (the runner's own progress lines, other
/// threads) still reaches the real console.
/// </summary>
internal static class ConsoleRouter
{
    static readonly AsyncLocal<CellOutputs?> CurrentCell = new();
    static readonly object Gate = new();
    static TextWriter? installedOut, installedError;

    /// <summary>The outputs of the cell running on this flow, if any (display() writes there too).</summary>
    public static CellOutputs? Current => CurrentCell.Value;

    /// <summary>Routes this async flow's console writes to <paramref name="outputs"/> until the returned scope is disposed.</summary>
    public static IDisposable Route(CellOutputs outputs)
    {
        EnsureInstalled();
        CellOutputs? previous = CurrentCell.Value;
        CurrentCell.Value = outputs;
        return new Scope(() => CurrentCell.Value = previous);
    }

    static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(Console.Out, installedOut))
            {
                Console.SetOut(new RoutingWriter("stdout", Console.Out));
                installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, installedError))
            {
                Console.SetError(new RoutingWriter("stderr", Console.Error));
                installedError = Console.Error;
            }
        }
    }

    sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    sealed class RoutingWriter(string stream, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (value == null) return;
            if (CurrentCell.Value is { } cell) cell.WriteStream(stream, value);
            else fallback.Write(value);
        }

        public override void Flush() => fallback.Flush();
    }
}
