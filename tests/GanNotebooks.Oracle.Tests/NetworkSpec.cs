using GanNotebooks.Models;

namespace GanNotebooks.Oracle.Tests;

/// <summary>What oracle/networks.py needs to build the PyTorch twin of a network: its C# type name and config record.</summary>
static class NetworkSpec
{
    public static Dictionary<string, object> Of(nn.Module net) => new()
    {
        ["type"] = net.GetType().Name,
        ["config"] = ((INetwork)net).Config,
    };

    /// <summary>A detached copy of the state dict, keys prefixed.</summary>
    public static IEnumerable<KeyValuePair<string, Tensor>> State(nn.Module net, string prefix) =>
        net.state_dict().Select(kv => KeyValuePair.Create(prefix + kv.Key, kv.Value.detach().clone()));
}
