using TorchSharp;

namespace SentimentKit.Tests.Devices;

public class SmokeTests
{
    [Fact]
    public void Torch_AddsOnCpu()
    {
        using var a = torch.ones(2, 2);
        using var b = a + a;
        b.sum().item<float>().Should().Be(8f);
    }
}
