namespace GanNotebooks.Ipynb;

/// <summary>
/// A code cell by its place: <see cref="Index"/> in the notebook, <see cref="SourceNumber"/> in the source notebook
/// (an injected parameters cell does not count), so that both engines name a cell the same way.
/// </summary>
/// <param name="Index">0-based position in the notebook's cells.</param>
/// <param name="SourceNumber">1-based position in the source notebook.</param>
/// <param name="Injected">The runner's injected parameters cell.</param>
/// <param name="Source">The cell's source text.</param>
public sealed record CodeCell(int Index, int SourceNumber, bool Injected, string Source)
{
    /// <summary>"cell 7" or "injected parameters cell", as messages name it.</summary>
    public string Name => Injected ? "injected parameters cell" : $"cell {SourceNumber}";

    /// <summary>The first line of the cell that says something, for progress lines and messages.</summary>
    public string Headline(int max = 48)
    {
        string line = Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
