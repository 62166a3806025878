using System.Text.RegularExpressions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace GanNotebooks.Export;

/// <summary>
/// Training progress as an animated GIF: the frames a notebook's <c>GridSlider</c> collected (samples from one fixed
/// noise batch), each shown <see cref="FrameDelayMs"/>, the last one held <see cref="LastFrameDelayMs"/>, looping.
/// Encoded with SixLabors.ImageSharp; grayscale grids (MNIST, Fashion-MNIST) fit a GIF's 256 colours exactly.
/// </summary>
public static partial class ProgressAnimation
{
    /// <summary>How long each frame shows.</summary>
    public const int FrameDelayMs = 400;

    /// <summary>How long the last frame (the final samples) shows before the loop restarts.</summary>
    public const int LastFrameDelayMs = 2000;

    /// <summary>The GIF of <paramref name="pngFrames"/> (PNG files' bytes, all of one size).</summary>
    /// <exception cref="ArgumentException">Fewer than two frames, or frames of different sizes.</exception>
    public static byte[] EncodeGif(IReadOnlyList<byte[]> pngFrames)
    {
        if (pngFrames.Count < 2) throw new ArgumentException($"An animation needs at least two frames; got {pngFrames.Count}.", nameof(pngFrames));
        var frames = pngFrames.Select(png => Image.Load<Rgba32>(png)).ToList();
        try
        {
            var (width, height) = (frames[0].Width, frames[0].Height);
            if (frames.FirstOrDefault(f => f.Width != width || f.Height != height) is { } odd)
                throw new ArgumentException($"Animation frames must be of one size: the first is {width}x{height}, another {odd.Width}x{odd.Height}.", nameof(pngFrames));
            using var gif = new Image<Rgba32>(width, height);
            gif.Metadata.GetGifMetadata().RepeatCount = 0;                                   // loop forever
            for (int i = 0; i < frames.Count; i++)
            {
                var frame = gif.Frames.AddFrame(frames[i].Frames.RootFrame);
                frame.Metadata.GetGifMetadata().FrameDelay = (i == frames.Count - 1 ? LastFrameDelayMs : FrameDelayMs) / 10;  // 1/100 s
            }
            gif.Frames.RemoveFrame(0);                                                       // the blank frame the image started with
            using var stream = new MemoryStream();
            gif.SaveAsGif(stream, new GifEncoder { ColorTableMode = GifColorTableMode.Local });
            return stream.ToArray();
        }
        finally
        {
            foreach (var frame in frames) frame.Dispose();
        }
    }

    /// <summary>The frames (label, PNG bytes) of the GridSlider HTML in <paramref name="outputHtml"/>; empty when it has none.</summary>
    public static IReadOnlyList<(string Label, byte[] Png)> SliderFrames(string outputHtml)
    {
        if (!outputHtml.Contains("class=\"gn-slider\"", StringComparison.Ordinal)) return [];
        return SliderFrame().Matches(outputHtml)
            .Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups["label"].Value), Convert.FromBase64String(m.Groups["png"].Value)))
            .ToList();
    }

    [GeneratedRegex(@"<div class=""gn-frame"" data-label=""(?<label>[^""]*)""[^>]*>(?:(?!gn-frame)[\s\S])*?<img\b[^>]*?src=""data:image/png;base64,(?<png>[A-Za-z0-9+/=]+)""")]
    private static partial Regex SliderFrame();
}
