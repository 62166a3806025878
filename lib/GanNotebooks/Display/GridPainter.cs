using StbImageWriteSharp;

namespace GanNotebooks.Display;

/// <summary>The shape of a batch of images, [N, C, H, W], checked once where it enters.</summary>
internal readonly record struct BatchShape(int Count, int Channels, int Height, int Width)
{
    public int ImageSize => Channels * Height * Width;

    public static BatchShape Of(long[] shape, string what)
    {
        if (shape.Length != 4)
            throw new ArgumentException(
                $"{what} must be a batch of images shaped [N, C, H, W]; got [{string.Join(", ", shape)}]. " +
                "For one image use unsqueeze(0); for grayscale images shaped [N, H, W] use unsqueeze(1); " +
                "for flat [N, H*W] vectors use view(-1, 1, H, W).", nameof(shape));
        var s = new BatchShape((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
        if (s.Channels is not (1 or 3))
            throw new ArgumentException(
                $"{what} has {s.Channels} channels (shape [{string.Join(", ", shape)}]); an image grid shows 1 (grayscale) " +
                "or 3 (RGB) channels. If the channels are last ([N, H, W, C]), use permute(0, 3, 1, 2).", nameof(shape));
        if (s.Count == 0) throw new ArgumentException($"There are no images to show ({what} has N = 0).", nameof(shape));
        if (s.Height <= 0 || s.Width <= 0)
            throw new ArgumentException($"{what} has empty images (shape [{string.Join(", ", shape)}]).", nameof(shape));
        return s;
    }
}

/// <summary>Paints images into one padded grid and encodes it as PNG. Pure array work: no tensor access.</summary>
internal static class GridPainter
{
    /// <summary>Maps a value in [low, high] to 0..255: clamped, NaN to 0, rounded half up.</summary>
    public static byte ToByte(float v, float low, float scale)
    {
        float t = (v - low) * scale;
        if (!(t > 0f)) return 0;                    // also NaN
        if (t >= 1f) return 255;
        return (byte)(t * 255f + 0.5f);
    }

    /// <summary>
    /// Paints <paramref name="cellToImage"/>[k] (an index into <paramref name="pixels"/>, or -1 for an empty cell) into
    /// cell k, row-major, each pixel repeated <paramref name="zoom"/> × <paramref name="zoom"/> times.
    /// </summary>
    /// <returns>The interleaved 8-bit pixels (gray or RGB) and the grid's size.</returns>
    public static (byte[] Pixels, int Width, int Height) Paint(
        float[] pixels, BatchShape shape, int[] cellToImage, int columns, GridOptions options, int zoom)
    {
        int rows = (cellToImage.Length + columns - 1) / columns;
        int pad = options.Padding, c = shape.Channels;
        int cellW = shape.Width * zoom, cellH = shape.Height * zoom;
        int width = columns * (cellW + pad) + pad, height = rows * (cellH + pad) + pad;
        var buffer = new byte[width * height * c];
        Array.Fill(buffer, options.Background);
        float scale = 1f / (options.High - options.Low);
        for (int k = 0; k < cellToImage.Length; k++)
        {
            if (cellToImage[k] < 0) continue;
            int x0 = pad + k % columns * (cellW + pad), y0 = pad + k / columns * (cellH + pad);
            PaintCell(pixels, cellToImage[k] * shape.ImageSize, shape, buffer, width, x0, y0, zoom, options.Low, scale);
        }
        return (buffer, width, height);
    }

    static void PaintCell(float[] pixels, int offset, BatchShape s, byte[] buffer, int width,
        int x0, int y0, int zoom, float low, float scale)
    {
        int c = s.Channels;
        for (int ch = 0; ch < c; ch++)
            for (int y = 0; y < s.Height; y++)
            {
                int src = offset + (ch * s.Height + y) * s.Width;      // CHW source row
                for (int x = 0; x < s.Width; x++)
                {
                    byte b = ToByte(pixels[src + x], low, scale);
                    for (int dy = 0; dy < zoom; dy++)
                    {
                        int dst = ((y0 + y * zoom + dy) * width + x0 + x * zoom) * c + ch;   // interleaved target
                        for (int dx = 0; dx < zoom; dx++) buffer[dst + dx * c] = b;
                    }
                }
            }
    }

    public static byte[] EncodePng(byte[] pixels, int width, int height, int channels)
    {
        using var stream = new MemoryStream();
        var components = channels == 1 ? ColorComponents.Grey : ColorComponents.RedGreenBlue;
        new ImageWriter().WritePng(pixels, width, height, components, stream);
        return stream.ToArray();
    }
}
