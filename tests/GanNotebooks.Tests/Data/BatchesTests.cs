using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

/// <summary>Tests that seed torch's global generator and then draw from it run alone, so that no other test draws
/// from the same generator in between.</summary>
[CollectionDefinition(nameof(GlobalTorchRandomCollection), DisableParallelization = true)]
public class GlobalTorchRandomCollection { }

[Collection(nameof(GlobalTorchRandomCollection))]
public class BatchesTests
{
    /// <summary>N images of 1×2×3 whose pixels all equal the image's index, labels = index.</summary>
    static ImageDataset Indexed(int n)
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.arange(n, dtype: ScalarType.Float32).reshape(n, 1, 1, 1).expand(n, 1, 2, 3).contiguous(); // [N] -> [N, 1, 2, 3]
        var labels = torch.arange(n, dtype: ScalarType.Int64);
        return new ImageDataset("indexed", images, labels, ["x"]);
    }

    static List<long[]> EpochLabels(Batches batches)
    {
        var result = new List<long[]>();
        foreach (var (x, y) in batches.Epoch())
        {
            using var scope = torch.NewDisposeScope(); // the per-step scope a training loop has
            long[] labels = y.data<long>().ToArray();
            // Each image still matches its label: pixel value = index = label.
            Assert.Equal(labels.Select(l => (float)l).ToArray(), x[.., 0, 0, 0].data<float>().ToArray());
            result.Add(labels);
        }
        return result;
    }

    [Fact]
    public void BatchesHaveTheRightShapesAndCount()
    {
        using var data = Indexed(10);
        var batches = new Batches(data, batchSize: 4);
        Assert.Equal(2, batches.Count);
        int seen = 0;
        foreach (var (x, y) in batches.Epoch())
        {
            Assert.Equal([4, 1, 2, 3], x.shape);
            Assert.Equal([4], y.shape);
            Assert.Equal(ScalarType.Float32, x.dtype);
            Assert.Equal(ScalarType.Int64, y.dtype);
            seen++;
        }
        Assert.Equal(2, seen);
    }

    [Fact]
    public void WithoutDropLastAnEpochCoversEveryIndexExactlyOnce()
    {
        using var data = Indexed(10);
        var batches = new Batches(data, batchSize: 4, dropLast: false);
        Assert.Equal(3, batches.Count);
        List<long[]> epoch = EpochLabels(batches);
        Assert.Equal([4, 4, 2], epoch.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), epoch.SelectMany(b => b).Order());
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatchesAndAnotherSeedOtherBatches()
    {
        using var data = Indexed(64);
        var batches = new Batches(data, batchSize: 16);
        Setup.Seed(1);
        var first = EpochLabels(batches);
        var secondEpoch = EpochLabels(batches);
        Setup.Seed(1);
        var again = EpochLabels(batches);
        Setup.Seed(2);
        var other = EpochLabels(batches);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(first, secondEpoch); // each epoch has a new order
        Assert.NotEqual(Enumerable.Range(0, 16).Select(i => (long)i), first[0]); // shuffled
    }

    [Fact]
    public void TheOrderIsTorchsCpuRandperm()
    {
        using var data = Indexed(20);
        Setup.Seed(5);
        long[] expected = torch.randperm(20).data<long>().ToArray();
        Setup.Seed(5);
        Assert.Equal(expected, EpochLabels(new Batches(data, batchSize: 20)).Single());
    }

    [Fact]
    public void WithoutShuffleTheOrderIsTheDatasetOrder()
    {
        using var data = Indexed(9);
        var epoch = EpochLabels(new Batches(data, batchSize: 3, shuffle: false));
        Assert.Equal([[0, 1, 2], [3, 4, 5], [6, 7, 8]], epoch);
    }

    [Fact]
    public void ABatchLivesUntilTheNextOneIsRequested()
    {
        using var data = Indexed(8);
        using var enumerator = new Batches(data, batchSize: 4).Epoch().GetEnumerator();
        Assert.True(enumerator.MoveNext());
        var (x0, y0) = enumerator.Current;
        Assert.False(x0.IsInvalid);
        Assert.True(enumerator.MoveNext());
        Assert.True(x0.IsInvalid && y0.IsInvalid); // freed by Batches
        var (x1, _) = enumerator.Current;
        Assert.False(enumerator.MoveNext());
        Assert.True(x1.IsInvalid); // the epoch ended
    }

    [Fact]
    public void ABatchTheLoopStopsAtStaysValid()
    {
        using var data = Indexed(8);
        var (x, y) = new Batches(data, batchSize: 4).Epoch().First();
        Assert.Equal([4, 1, 2, 3], x.shape);
        Assert.Equal(4, y.data<long>().ToArray().Distinct().Count());
        x.Dispose();
        y.Dispose();
    }

    [Fact]
    public void ABatchLargerThanTheDatasetWithDropLastIsAClearError()
    {
        using var data = Indexed(5);
        var e = Assert.Throws<ArgumentException>(() => new Batches(data, batchSize: 8));
        Assert.Contains("larger than the dataset (5 images)", e.Message);
        Assert.Equal(1, new Batches(data, batchSize: 8, dropLast: false).Count);
    }
}
