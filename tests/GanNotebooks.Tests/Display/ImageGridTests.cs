using GanNotebooks.Display;
using StbImageSharp;

namespace GanNotebooks.Tests.Display;

public class ImageGridTests
{
    /// <summary>Decodes the grid's PNG (independent decoder) into rows of pixel tuples.</summary>
    static ImageResult Decode(ImageGrid grid) =>
        ImageResult.FromMemory(grid.Png, ColorComponents.Default);

    static byte Gray(ImageResult img, int x, int y) => img.Data[y * img.Width + x];

    [Fact]
    public void ValuesMapFromMinusOneOneToBytesWithClampingAndNaNAsBlack()
    {
        // two 2×2 grayscale images, side by side, 1 px padding, no upscaling
        float[] px = [-1f, 0f, 1f, 0.5f, /* second */ 2f, -3f, float.NaN, -0.5f];
        using var images = torch.tensor(px).reshape(2, 1, 2, 2);
        var grid = ImageGrid.From(images, columns: 2, options: new GridOptions(Padding: 1, Scale: 1));

        var img = Decode(grid);
        Assert.Equal(ColorComponents.Grey, img.SourceComp);
        Assert.Equal((7, 4), (img.Width, img.Height));       // 2·(2+1)+1 by 1·(2+1)+1
        Assert.Equal((7, 4), (grid.Width, grid.Height));
        // (v+1)/2·255 rounded half up: 0 → 127.5 → 128, 0.5 → 191.25 → 191, -0.5 → 63.75 → 64
        byte[,] expected =
        {
            { 255, 255, 255, 255, 255, 255, 255 },
            { 255,   0, 128, 255, 255,   0, 255 },
            { 255, 255, 191, 255,   0,  64, 255 },
            { 255, 255, 255, 255, 255, 255, 255 },
        };
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 7; x++)
                Assert.True(expected[y, x] == Gray(img, x, y), $"pixel ({x}, {y}): expected {expected[y, x]}, got {Gray(img, x, y)}");
    }

    [Fact]
    public void ScaleRepeatsEachPixelAsABlock()
    {
        using var images = torch.tensor(new float[] { -1f, 1f, 1f, -1f }).reshape(1, 1, 2, 2);
        var img = Decode(ImageGrid.From(images, options: new GridOptions(Padding: 0, Scale: 3)));
        Assert.Equal((6, 6), (img.Width, img.Height));
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 6; x++)
                Assert.Equal((x / 3 + y / 3) % 2 == 0 ? 0 : 255, Gray(img, x, y));
    }

    [Fact]
    public void DefaultScaleDoublesSmallImagesOnly()
    {
        using var small = torch.zeros(1, 1, 28, 28);
        using var large = torch.zeros(1, 1, 64, 64);
        Assert.Equal(56, ImageGrid.From(small, options: new GridOptions(Padding: 0)).Width);
        Assert.Equal(64, ImageGrid.From(large, options: new GridOptions(Padding: 0)).Width);
    }

    [Fact]
    public void RgbChannelsAreInterleavedFromChw()
    {
        // one 1×2 RGB image: pixel 0 = (red, green, blue) = (1, -1, -1) → red; pixel 1 = (-1, -1, 1) → blue
        using var images = torch.tensor(new float[] { 1f, -1f, -1f, -1f, -1f, 1f }).reshape(1, 3, 1, 2);
        var img = Decode(ImageGrid.From(images, options: new GridOptions(Padding: 0, Scale: 1)));
        Assert.Equal(ColorComponents.RedGreenBlue, img.SourceComp);
        Assert.Equal(new byte[] { 255, 0, 0, 0, 0, 255 }, img.Data);
    }

    [Fact]
    public void DefaultLayoutIsNearlySquareAndLeavesEmptyCellsBackground()
    {
        // five 1×1 images of value 1 (white) on a black background: ⌈√5⌉ = 3 columns, 2 rows, last cell empty
        using var images = torch.ones(5, 1, 1, 1);
        var grid = ImageGrid.From(images, options: new GridOptions(Padding: 1, Scale: 1, Background: 0));
        Assert.Equal((3, 2), (grid.Columns, grid.Rows));
        var img = Decode(grid);
        Assert.Equal((7, 5), (img.Width, img.Height));
        int[] cellX = [1, 3, 5], cellY = [1, 3];
        for (int k = 0; k < 6; k++)
            Assert.Equal(k < 5 ? 255 : 0, Gray(img, cellX[k % 3], cellY[k / 3]));
        Assert.Equal(7 * 5 - 5, img.Data.Count(b => b == 0));    // all but the 5 white cells is background
    }

    [Fact]
    public void ByClassPutsTheFirstImagesOfEachClassInItsRow()
    {
        // image i is a 1×1 gray of value v_i; labels pick the rows; class 2 has a single image, so one empty cell
        float[] values = [-1f, -0.5f, 0f, 0.5f, 1f, 0.25f];
        using var images = torch.tensor(values).reshape(6, 1, 1, 1);
        using var labels = torch.tensor(new long[] { 1, 0, 1, 2, 1, 0 });
        var grid = ImageGrid.ByClass(images, labels, ["zero", "one", "two"], perClass: 2,
            options: new GridOptions(Padding: 1, Scale: 1, Background: 7));
        Assert.Equal((3, 2), (grid.Rows, grid.Columns));
        Assert.Equal(["zero", "one", "two"], grid.RowLabels);
        var img = Decode(grid);
        byte B(float v) => (byte)((v + 1) / 2 * 255 + 0.5f);
        // row 0: images 1 and 5; row 1: images 0 and 2 (image 4 is a third "one" and is left out); row 2: image 3, empty
        byte[,] expected = { { B(-0.5f), B(0.25f) }, { B(-1f), B(0f) }, { B(0.5f), 7 } };
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 2; c++)
                Assert.Equal(expected[r, c], Gray(img, 1 + 2 * c, 1 + 2 * r));
        string html = grid.ToHtml();
        Assert.True(html.IndexOf("zero", StringComparison.Ordinal) < html.IndexOf("one", StringComparison.Ordinal) && html.IndexOf("one", StringComparison.Ordinal) < html.IndexOf("two", StringComparison.Ordinal));
    }

    [Fact]
    public void ByClassAcceptsHostLabelsToo()
    {
        using var images = torch.tensor(new float[] { -1f, 1f }).reshape(2, 1, 1, 1);
        var fromHost = ImageGrid.ByClass(images, new[] { 1, 0 }, ["a", "b"], perClass: 1);
        using var labels = torch.tensor(new long[] { 1, 0 });
        Assert.Equal(ImageGrid.ByClass(images, labels, ["a", "b"], perClass: 1).Png, fromHost.Png);
    }

    [Fact]
    public void HostPixelsGiveTheSamePngAsTheTensor()
    {
        Setup.Seed(3);
        using var images = torch.rand(4, 3, 5, 6) * 2 - 1;
        float[] host = images.data<float>().ToArray();
        Assert.Equal(ImageGrid.From(images, columns: 3).Png, ImageGrid.From(host, 4, 3, 5, 6, columns: 3).Png);
    }

    [Theory]
    [InlineData(new long[] { 28, 28 }, "[N, C, H, W]")]
    [InlineData(new long[] { 8, 28, 28 }, "unsqueeze(1)")]
    [InlineData(new long[] { 8, 2, 28, 28 }, "1 (grayscale) or 3 (RGB)")]
    [InlineData(new long[] { 8, 28, 28, 3 }, "permute(0, 3, 1, 2)")]
    public void WrongShapesSayWhatToDo(long[] shape, string hint)
    {
        using var images = torch.zeros(shape);
        var e = Assert.Throws<ArgumentException>(() => ImageGrid.From(images));
        Assert.Contains(hint, e.Message);
        Assert.Contains(string.Join(", ", shape), e.Message);
    }

    [Fact]
    public void InconsistentArgumentsAreClearErrors()
    {
        using var images = torch.zeros(4, 1, 2, 2);
        Assert.Contains("2 rows but 3 row labels", Assert.Throws<ArgumentException>(() => ImageGrid.From(images, columns: 2, rowLabels: ["a", "b", "c"])).Message);
        Assert.Contains("4 images but 3 labels", Assert.Throws<ArgumentException>(() => ImageGrid.ByClass(images, new[] { 0, 1, 0 }, ["a", "b"])).Message);
        Assert.Contains("Label 5 (image 2)", Assert.Throws<ArgumentException>(() => ImageGrid.ByClass(images, new[] { 0, 1, 5, 0 }, ["a", "b"])).Message);
        Assert.Contains("High > Low", Assert.Throws<ArgumentException>(() => ImageGrid.From(images, options: new GridOptions(Low: 1, High: 1))).Message);
        Assert.Contains("N = 0", Assert.Throws<ArgumentException>(() => ImageGrid.From(torch.zeros(0, 1, 2, 2))).Message);
        Assert.Contains("do not make", Assert.Throws<ArgumentException>(() => ImageGrid.From(new float[7], 2, 1, 2, 2)).Message);
    }

    [Fact]
    public void HtmlAndBase64CarryThePng()
    {
        using var images = torch.zeros(2, 1, 3, 3);
        var grid = ImageGrid.From(images);
        Assert.Equal(grid.Png, Convert.FromBase64String(grid.ToBase64()));
        Assert.Contains($"src=\"data:image/png;base64,{grid.ToBase64()}\"", grid.ToHtml());
        Assert.Contains($"width=\"{grid.Width}\" height=\"{grid.Height}\"", grid.ToHtml());
    }

    [Fact]
    public void SaveWritesThePngAndLeavesNoTemporaryFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gn-grid-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var images = torch.zeros(2, 1, 3, 3);
            var grid = ImageGrid.From(images);
            string path = Path.Combine(dir, "sub", "grid.png");
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "sub")).FullName, "grid.png"), "old");
            grid.Save(path);
            Assert.Equal(grid.Png, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(Path.Combine(dir, "sub")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
