using GanNotebooks.Models;

namespace GanNotebooks.Oracle.Tests;

/// <summary>
/// The networks themselves: their state dicts load into the PyTorch twins by name (with the same outputs), and a
/// freshly built network's weights are distributed like PyTorch's (its defaults plus the DCGAN example's init).
/// </summary>
static class NetworkCases
{
    /// <summary>Every network, at its default (full) size: the init comparison needs many values per tensor.</summary>
    public static readonly Dictionary<string, Func<nn.Module>> Networks = new()
    {
        ["MlpGenerator"] = () => new MlpGenerator(new MlpConfig()),
        ["MlpDiscriminator"] = () => new MlpDiscriminator(new MlpConfig()),
        ["ConditionalMlpGenerator"] = () => new ConditionalMlpGenerator(new ConditionalMlpConfig()),
        ["ConditionalMlpDiscriminator"] = () => new ConditionalMlpDiscriminator(new ConditionalMlpConfig()),
        ["DcganGenerator"] = () => new DcganGenerator(new DcganConfig()),
        ["DcganDiscriminator"] = () => new DcganDiscriminator(new DcganConfig()),
        ["DcganGenerator32"] = () => new DcganGenerator(new DcganConfig(Channels: 3, ImageSize: 32)),
        ["ConditionalDcganGenerator"] = () => new ConditionalDcganGenerator(new ConditionalDcganConfig()),
        ["ConditionalDcganDiscriminator"] = () => new ConditionalDcganDiscriminator(new ConditionalDcganConfig()),
        ["WganCriticLayerNorm"] = () => new WganCritic(new WganCriticConfig(Norm: CriticNorm.LayerNorm)),
        ["WganCriticBatchNorm"] = () => new WganCritic(new WganCriticConfig(ImageSize: 32, Channels: 3, Norm: CriticNorm.BatchNorm)),
        ["SganDiscriminator"] = () => new SganDiscriminator(new SganConfig()),
    };

    public static readonly string[] KeyNames = ["DcganGenerator", "DcganDiscriminator", "DcganGenerator32"];

    public static IEnumerable<OracleCase> All() =>
        Networks.Keys.Select(n => OracleCase.Build($"init/{n}", () => Init(n)))
            .Concat(KeyNames.Select(n => OracleCase.Build($"keys/{n}", () => Keys(n))));

    static OracleCase Init(string name)
    {
        torch.manual_seed(7);
        using var net = Networks[name]();
        // PyTorch draws with another seed: with the same one, libtorch's generator would give the very same values,
        // and the test would depend on the order layers are initialised rather than on the distributions.
        var c = new OracleCase($"init/{name}", "init", new { net = NetworkSpec.Of(net), seed = 1007 });
        foreach (var (k, v) in NetworkSpec.State(net, "")) c.Actual[k] = v;
        return c;
    }

    /// <summary>The state dict, and the output in eval mode on one input, for PyTorch to load by name and recompute.</summary>
    static OracleCase Keys(string name)
    {
        torch.manual_seed(8);
        var net = (nn.Module<Tensor, Tensor>)Networks[name]();
        net.to(ScalarType.Float64);
        var c = new OracleCase($"keys/{name}", "keys", new { net = NetworkSpec.Of(net), dtype = "float64" });
        foreach (var (k, v) in NetworkSpec.State(net, "sd.")) c.Inputs[k] = v;
        var gen = new torch.Generator(9, torch.CPU);
        var input = net is IGenerator gnet
            ? torch.randn([3, gnet.LatentDim], dtype: ScalarType.Float64, generator: gen)
            : torch.rand([3, 1, 28, 28], dtype: ScalarType.Float64, generator: gen) * 2 - 1;
        c.Inputs["input"] = input;
        net.eval();
        using (torch.no_grad()) c.Actual["output"] = net.call(input);
        return c;
    }
}
