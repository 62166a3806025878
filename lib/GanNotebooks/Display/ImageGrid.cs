using System.Globalization;
using System.Text;
using GanNotebooks.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Display;

/// <summary>How an <see cref="ImageGrid"/> maps values to pixels and lays out its cells. Taught in notebook 02.</summary>
/// <param name="Padding">Pixels between cells and around the grid.</param>
/// <param name="Scale">Each pixel becomes Scale × Scale pixels (nearest neighbour); null: ×2 for images under 48 px, else ×1.</param>
/// <param name="Low">The value shown black (generator outputs of tanh: -1).</param>
/// <param name="High">The value shown white (1). Values outside [Low, High] are clamped; NaN is shown black.</param>
/// <param name="Background">Gray level (0..255) of the padding and of empty cells.</param>
public sealed record GridOptions(int Padding = 2, int? Scale = null, float Low = -1f, float High = 1f, byte Background = 255)
{
    internal int ZoomFor(int imageHeight) => Scale ?? (imageHeight < 48 ? 2 : 1);

    internal void Validate()
    {
        if (Padding < 0) throw new ArgumentException($"GridOptions.Padding must be 0 or more; got {Padding}.");
        if (Scale is < 1 or > 32) throw new ArgumentException($"GridOptions.Scale must be between 1 and 32; got {Scale}.");
        if (!(High > Low)) throw new ArgumentException($"GridOptions needs High > Low; got Low = {Low}, High = {High}.");
    }
}

/// <summary>
/// A batch of images laid out as one PNG: <c>ImageGrid.From(fake)</c> in a notebook shows the grid (image/png and
/// text/html formatters). Built with one device-to-host copy; the pixel work is plain array code.
/// Taught in notebook 01.
/// </summary>
[TypeFormatterSource(typeof(ImageGridFormatters), PreferredMimeTypes = [Mime.Png, Mime.Html])]
public sealed class ImageGrid
{
    ImageGrid(byte[] png, int width, int height, int rows, int columns, int cellHeight, int padding, IReadOnlyList<string> rowLabels)
    {
        Png = png; Width = width; Height = height; Rows = rows; Columns = columns;
        CellHeight = cellHeight; Padding = padding; RowLabels = rowLabels;
    }

    /// <summary>The encoded PNG (grayscale for 1 channel, RGB for 3).</summary>
    public byte[] Png { get; }
    public int Width { get; }
    public int Height { get; }
    public int Rows { get; }
    public int Columns { get; }
    /// <summary>Height in PNG pixels of one cell (image height × scale).</summary>
    public int CellHeight { get; }
    public int Padding { get; }
    /// <summary>One label per row, shown left of the grid in HTML (empty: no labels).</summary>
    public IReadOnlyList<string> RowLabels { get; }

    /// <summary>
    /// Lays out <paramref name="images"/> [N, C, H, W] (C = 1 or 3, values in [-1, 1] by default) row by row.
    /// </summary>
    /// <param name="images">The batch, on any device, any floating dtype.</param>
    /// <param name="columns">Cells per row; default ⌈√N⌉.</param>
    /// <param name="rowLabels">Optional label per row (as many as rows).</param>
    /// <param name="options">Padding, upscaling, value range; see <see cref="GridOptions"/>.</param>
    public static ImageGrid From(Tensor images, int? columns = null, IReadOnlyList<string>? rowLabels = null, GridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        var shape = BatchShape.Of(images.shape, "The images tensor");
        return Build(CopyToHost(images), shape, Identity(shape.Count), columns, rowLabels, options);
    }

    /// <summary>Same as <see cref="From(Tensor, int?, IReadOnlyList{string}?, GridOptions?)"/> for pixels already on the host, in [N, C, H, W] order.</summary>
    public static ImageGrid From(float[] pixels, int count, int channels, int height, int width,
        int? columns = null, IReadOnlyList<string>? rowLabels = null, GridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var shape = BatchShape.Of([count, channels, height, width], "The images");
        if (pixels.Length != (long)count * shape.ImageSize)
            throw new ArgumentException($"{pixels.Length} values do not make {count} images of {channels}×{height}×{width}.", nameof(pixels));
        return Build(pixels, shape, Identity(count), columns, rowLabels, options);
    }

    /// <summary>
    /// One row per class: row r shows the first <paramref name="perClass"/> images whose label is r, labelled
    /// <paramref name="classes"/>[r]; a class with fewer images leaves empty cells.
    /// </summary>
    /// <param name="images">The batch [N, C, H, W].</param>
    /// <param name="labels">Integer class indices [N] in 0..classes.Count-1.</param>
    /// <param name="classes">Class names, one per row.</param>
    /// <param name="perClass">Cells per row.</param>
    /// <param name="options">Padding, upscaling, value range; see <see cref="GridOptions"/>.</param>
    public static ImageGrid ByClass(Tensor images, Tensor labels, IReadOnlyList<string> classes, int perClass = 8, GridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.dim() != 1)
            throw new ArgumentException($"labels must be a vector [N] of class indices; got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        using var scope = torch.NewDisposeScope();
        long[] host = labels.cpu().to(ScalarType.Int64).data<long>().ToArray();
        return ByClassCore(images, host, classes, perClass, options);
    }

    /// <inheritdoc cref="ByClass(Tensor, Tensor, IReadOnlyList{string}, int, GridOptions?)"/>
    public static ImageGrid ByClass(Tensor images, int[] labels, IReadOnlyList<string> classes, int perClass = 8, GridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return ByClassCore(images, labels.Select(l => (long)l).ToArray(), classes, perClass, options);
    }

    static ImageGrid ByClassCore(Tensor images, long[] labels, IReadOnlyList<string> classes, int perClass, GridOptions? options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(classes);
        var shape = BatchShape.Of(images.shape, "The images tensor");
        if (labels.Length != shape.Count)
            throw new ArgumentException($"There are {shape.Count} images but {labels.Length} labels; give one label per image.", nameof(labels));
        if (classes.Count == 0) throw new ArgumentException("classes is empty; give one name per class.", nameof(classes));
        if (perClass < 1) throw new ArgumentException($"perClass must be at least 1; got {perClass}.", nameof(perClass));
        var (picked, cells) = PickByClass(labels, classes.Count, perClass);
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(picked, dtype: ScalarType.Int64, device: images.device);
        float[] pixels = CopyToHost(images.index_select(0, index));
        return Build(pixels, shape with { Count = picked.Length }, cells, perClass, classes, options);
    }

    /// <summary>The PNG as base64 text: what the image/png formatter writes and nbformat stores.</summary>
    public string ToBase64() => Convert.ToBase64String(Png);

    /// <summary>An &lt;img&gt; with a data URI (and the row labels, when there are any): offline and webview safe.</summary>
    public string ToHtml()
    {
        string img = $"<img src=\"{Html.PngDataUri(Png)}\" width=\"{Width}\" height=\"{Height}\" " +
                     $"alt=\"image grid, {Rows} × {Columns}\" style=\"image-rendering:pixelated;max-width:none\">";
        if (RowLabels.Count == 0) return img;
        var html = new StringBuilder("<div class=\"gn-grid\" style=\"display:inline-flex;align-items:flex-start;gap:8px;font:13px/1.2 sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<div style=\"display:flex;flex-direction:column;padding-top:{Padding}px\">");
        foreach (string label in RowLabels)
            html.Append(CultureInfo.InvariantCulture, $"<div style=\"height:{CellHeight}px;margin-bottom:{Padding}px;display:flex;align-items:center;justify-content:flex-end\">")
                .Append(Html.Encode(label)).Append("</div>");
        return html.Append("</div>").Append(img).Append("</div>").ToString();
    }

    /// <summary>Writes the PNG to <paramref name="path"/> atomically (temp file + rename), creating the folder if needed.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, Png);

    public override string ToString() => $"ImageGrid {Rows}×{Columns} ({Width}×{Height} px)";

    static ImageGrid Build(float[] pixels, BatchShape shape, int[] cells, int? columns, IReadOnlyList<string>? rowLabels, GridOptions? options)
    {
        options ??= new GridOptions();
        options.Validate();
        int cols = columns ?? (int)Math.Ceiling(Math.Sqrt(cells.Length));
        if (cols < 1) throw new ArgumentException($"columns must be at least 1; got {cols}.", nameof(columns));
        int rows = (cells.Length + cols - 1) / cols;
        var labels = rowLabels?.ToArray() ?? [];
        if (labels.Length != 0 && labels.Length != rows)
            throw new ArgumentException($"The grid has {rows} rows but {labels.Length} row labels were given.", nameof(rowLabels));
        int zoom = options.ZoomFor(shape.Height);
        var (raw, width, height) = GridPainter.Paint(pixels, shape, cells, cols, options, zoom);
        byte[] png = GridPainter.EncodePng(raw, width, height, shape.Channels);
        return new ImageGrid(png, width, height, rows, cols, shape.Height * zoom, options.Padding, labels);
    }

    /// <summary>One device-to-host copy of the whole batch as float32 in [N, C, H, W] order.</summary>
    static float[] CopyToHost(Tensor images)
    {
        if (images.numel() == 0) return [];
        using var scope = torch.NewDisposeScope();
        using var host = images.detach().to(ScalarType.Float32).cpu().contiguous();
        return host.data<float>().ToArray();
    }

    static int[] Identity(int n) => Enumerable.Range(0, n).ToArray();

    /// <returns>The image indices to copy, and for each cell (row = class) its position in that list or -1.</returns>
    static (long[] Picked, int[] Cells) PickByClass(long[] labels, int classCount, int perClass)
    {
        var cells = new int[classCount * perClass];
        Array.Fill(cells, -1);
        var filled = new int[classCount];
        var picked = new List<long>();
        for (int i = 0; i < labels.Length; i++)
        {
            long label = labels[i];
            if (label < 0 || label >= classCount)
                throw new ArgumentException($"Label {label} (image {i}) is outside 0..{classCount - 1}: there are {classCount} class names.");
            if (filled[label] == perClass) continue;
            cells[label * perClass + filled[label]++] = picked.Count;
            picked.Add(i);
        }
        return (picked.ToArray(), cells);
    }
}
