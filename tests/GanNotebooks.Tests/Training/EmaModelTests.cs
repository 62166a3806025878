using GanNotebooks.Models;
using GanNotebooks.Training;
using static GanNotebooks.Tests.Models.NetworkAssert;

namespace GanNotebooks.Tests.Training;

public class EmaModelTests
{
    static readonly DcganConfig Tiny = new(LatentDim: 4, Features: 2);

    static Tensor Weight(nn.Module m) => m.state_dict()["main.0.weight"];

    /// <summary>Changes every parameter and the batch-norm running statistics of the live network.</summary>
    static void Train(DcganGenerator g)
    {
        using (torch.no_grad()) foreach (var p in g.parameters()) p.add_(0.1);
        using var x = g.call(torch.randn(4, 4));   // train mode: updates running_mean / running_var
    }

    [Fact]
    public void DecayZeroFollowsTheModel()
    {
        using var g = new DcganGenerator(Tiny);
        using var ema = new EmaModel(g, 0.0);
        Train(g);
        ema.Update();
        foreach (var (name, t) in g.state_dict())
            Assert.True(Same(t, ema.Model.state_dict()[name]), name);
    }

    [Fact]
    public void DecayOneStaysAtTheInitialWeights()
    {
        using var g = new DcganGenerator(Tiny);
        using var initial = Weight(g).clone();
        using var ema = new EmaModel(g, 1.0);
        Train(g);
        ema.Update();
        ema.Update();
        Assert.True(Same(initial, Weight(ema.Model)));
        Assert.False(Same(initial, Weight(g)));
    }

    [Fact]
    public void OneUpdateByHand()
    {
        // β = 0.75: θ_ema = 0.75 θ_old + 0.25 (θ_old + 0.1) = θ_old + 0.025.
        using var g = new DcganGenerator(Tiny);
        using var old = Weight(g).clone();
        using var ema = new EmaModel(g, 0.75);
        Train(g);
        ema.Update();
        Assert.True((old + 0.025).allclose(Weight(ema.Model), rtol: 0, atol: 1e-6));
        Assert.Equal(1, ema.Updates);
    }

    [Fact]
    public void BuffersAreCopiedAndTheCopyIsOutOfAutograd()
    {
        using var g = new DcganGenerator(Tiny);
        using var ema = new EmaModel(g, 0.9);
        Train(g);
        ema.Update();
        var live = g.state_dict();
        var avg = ema.Model.state_dict();
        Assert.True(Same(live["main.1.running_mean"], avg["main.1.running_mean"]));
        Assert.True(Same(live["main.1.num_batches_tracked"], avg["main.1.num_batches_tracked"]));
        Assert.All(ema.Model.parameters(), p => Assert.False(p.requires_grad));
        Assert.False(ema.Model.training);
    }

    [Fact]
    public void AModelThatCannotBeRebuiltNeedsAnExplicitCopy()
    {
        using var net = nn.Linear(2, 2);
        var e = Assert.Throws<ArgumentException>(() => new EmaModel(net, 0.9));
        Assert.Contains("new EmaModel(model, copy, decay)", e.Message);
        using var ema = new EmaModel(net, nn.Linear(2, 2), 0.5);
        Assert.True(Same(net.weight!, ema.Model.state_dict()["weight"]));   // starts as a copy
    }
}
