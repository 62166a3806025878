using StbImageSharp;

namespace GanNotebooks.Export.Tests;

/// <summary>The progress GIF, decoded by an independent decoder (StbImageSharp): frames, pixels, timing.</summary>
public class ProgressAnimationTests
{
    [Fact]
    public void GifHoldsEverySliderFrameWithItsPixelsAndTiming()
    {
        var slider = Fixture.Slider;                                   // three 8-image grids of grayscale ramps
        var frames = ProgressAnimation.SliderFrames(slider.ToHtml());
        Assert.Equal(["step 0", "step 100", "step 200"], frames.Select(f => f.Label));

        byte[] gif = ProgressAnimation.EncodeGif(frames.Select(f => f.Png).ToList());

        var decoded = ImageResult.AnimatedGifFramesFromStream(new MemoryStream(gif), ColorComponents.RedGreenBlueAlpha)
            .Select(f => (f.Width, f.Height, Data: (byte[])f.Data.Clone(), f.DelayInMs)).ToList();
        Assert.Equal(3, decoded.Count);
        Assert.Equal([ProgressAnimation.FrameDelayMs, ProgressAnimation.FrameDelayMs, ProgressAnimation.LastFrameDelayMs], decoded.Select(f => f.DelayInMs));
        for (int i = 0; i < 3; i++)
        {
            var png = ImageResult.FromMemory(slider.Frames[i].Grid.Png, ColorComponents.RedGreenBlueAlpha);
            Assert.Equal((png.Width, png.Height), (decoded[i].Width, decoded[i].Height));
            Assert.Equal(png.Data, decoded[i].Data);                   // grayscale fits a GIF palette: lossless
        }
        Assert.NotEqual(decoded[0].Data, decoded[1].Data);
    }

    [Fact]
    public void OneFrameOrFramesOfDifferentSizesAreClearErrors()
    {
        byte[] small = Fixture.MakeGrid(0).Png;
        var e = Assert.Throws<ArgumentException>(() => ProgressAnimation.EncodeGif([small]));
        Assert.Contains("at least two frames", e.Message);
        byte[] other = GanNotebooks.Display.ImageGrid.From(new float[4 * 4], 1, 1, 4, 4).Png;
        e = Assert.Throws<ArgumentException>(() => ProgressAnimation.EncodeGif([small, other]));
        Assert.Contains("of one size", e.Message);
    }

    [Fact]
    public void HtmlWithoutASliderHasNoFrames() =>
        Assert.Empty(ProgressAnimation.SliderFrames(Fixture.Grid.ToHtml()));
}
