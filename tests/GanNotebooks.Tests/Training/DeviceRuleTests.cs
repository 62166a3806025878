using System.Globalization;
using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

/// <summary>The trainers' one device-equality rule (the network, batch and label checks all use it).</summary>
public class DeviceRuleTests
{
    [Theory]
    [InlineData("cpu", "cpu", true)]
    [InlineData("cpu", "cpu:0", true)]
    [InlineData("cuda:0", "cuda:0", true)]
    [InlineData("cuda", "cuda:0", true)]      // an unspecified index is device 0
    [InlineData("cuda:0", "cuda:1", false)]   // the old label check compared the type only and let this pass
    [InlineData("cuda:1", "cuda", false)]
    [InlineData("cpu", "cuda:0", false)]
    public void SameDeviceComparesTypeAndIndex(string a, string b, bool same)
    {
        Assert.Equal(same, GanTrainerBase.SameDevice(Parse(a), Parse(b)));
        Assert.Equal(same, GanTrainerBase.SameDevice(Parse(b), Parse(a)));
    }

    /// <summary>"cuda:1" -> Device(CUDA, 1) without initialising CUDA (torch.device("cuda") would, and fail here).</summary>
    static Device Parse(string s)
    {
        var parts = s.Split(':');
        var type = parts[0] == "cuda" ? DeviceType.CUDA : DeviceType.CPU;
        return new Device(type, parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : -1);
    }
}
