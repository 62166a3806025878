using System.Globalization;
using System.Text;

namespace GanNotebooks.Display;

/// <summary>
/// A small metrics table: one row per name (a model variant), one numeric column per metric. Shows as an HTML table
/// in a notebook and as aligned text in plain output.
/// Taught in notebook 01.
/// </summary>
/// <example><code>new Table("variant", "FID", "seconds").Add("DCGAN", 31.2, 412).Add("WGAN-GP", 24.9, 655)</code></example>
[TypeFormatterSource(typeof(TableFormatters), PreferredMimeTypes = [Mime.Html, Mime.Text])]
public sealed class Table
{
    readonly List<(string Name, double[] Values)> rows = [];

    /// <param name="nameHeader">Header of the first column, which holds the row names.</param>
    /// <param name="columns">Headers of the numeric columns.</param>
    public Table(string nameHeader, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0) throw new ArgumentException("A table needs at least one value column.", nameof(columns));
        NameHeader = nameHeader;
        Columns = columns;
    }

    public string NameHeader { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<(string Name, double[] Values)> Rows => rows;

    /// <summary>How values print (.NET custom format, invariant culture); NaN prints as "n/a".</summary>
    public string NumberFormat { get; init; } = "0.###";

    /// <summary>Adds a row; returns the table, so calls chain.</summary>
    public Table Add(string name, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Columns.Count)
            throw new ArgumentException(
                $"Row '{name}' has {values.Length} values but the table has {Columns.Count} columns ({string.Join(", ", Columns)}).", nameof(values));
        rows.Add((name, values.ToArray()));
        return this;
    }

    public string FormatValue(double v) => double.IsNaN(v) ? "n/a" : v.ToString(NumberFormat, CultureInfo.InvariantCulture);

    /// <summary>Aligned text: names left-aligned, numbers right-aligned.</summary>
    public override string ToString()
    {
        var cells = rows.Select(r => r.Values.Select(FormatValue).ToArray()).ToList();
        int nameWidth = rows.Select(r => r.Name.Length).Append(NameHeader.Length).Max();
        var widths = Columns.Select((c, j) => cells.Select(r => r[j].Length).Append(c.Length).Max()).ToArray();
        var text = new StringBuilder(NameHeader.PadRight(nameWidth));
        for (int j = 0; j < Columns.Count; j++) text.Append("  ").Append(Columns[j].PadLeft(widths[j]));
        for (int i = 0; i < rows.Count; i++)
        {
            text.Append('\n').Append(rows[i].Name.PadRight(nameWidth));
            for (int j = 0; j < Columns.Count; j++) text.Append("  ").Append(cells[i][j].PadLeft(widths[j]));
        }
        return text.ToString();
    }

    public string ToHtml()
    {
        const string cell = "padding:4px 12px;border-bottom:1px solid #ddd";
        var html = new StringBuilder("<table class=\"gn-table\" style=\"border-collapse:collapse;font:14px/1.4 sans-serif\"><thead><tr>");
        html.Append(CultureInfo.InvariantCulture, $"<th style=\"{cell};text-align:left\">{Html.Encode(NameHeader)}</th>");
        foreach (string c in Columns) html.Append(CultureInfo.InvariantCulture, $"<th style=\"{cell};text-align:right\">{Html.Encode(c)}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (name, values) in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"{cell};text-align:left\">{Html.Encode(name)}</td>");
            foreach (double v in values)
                html.Append(CultureInfo.InvariantCulture, $"<td style=\"{cell};text-align:right;font-variant-numeric:tabular-nums\">{Html.Encode(FormatValue(v))}</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }
}
