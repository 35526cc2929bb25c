using SentimentKit.Devices;

namespace SentimentKit.Tests.Devices;

public class DevicePreferenceTests
{
    [Theory]
    [InlineData("auto", DeviceKind.Auto, null)]
    [InlineData("CPU", DeviceKind.Cpu, null)]
    [InlineData(" cuda ", DeviceKind.Cuda, null)]
    [InlineData("cuda:3", DeviceKind.Cuda, 3)]
    [InlineData("gpu", DeviceKind.Cuda, null)]
    public void Parse_ValidText_GivesKindAndIndex(string text, DeviceKind kind, int? index)
    {
        var preference = DevicePreference.Parse(text);

        preference.Kind.Should().Be(kind);
        preference.Index.Should().Be(index);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void Parse_InvalidText_ThrowsFormatExceptionNamingValue(string text)
    {
        var act = () => DevicePreference.Parse(text);

        act.Should().Throw<FormatException>().WithMessage($"*'{text}'*auto, cpu, cuda or cuda:N*");
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("cuda:1")]
    public void ToString_RoundTripsThroughParse(string text)
    {
        DevicePreference.Parse(text).ToString().Should().Be(text);
        DevicePreference.Parse(text).Should().Be(DevicePreference.Parse(DevicePreference.Parse(text).ToString()));
    }

    [Fact]
    public void Cuda_NegativeIndex_ThrowsArgumentOutOfRange()
    {
        var act = () => DevicePreference.Cuda(-1);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("index");
    }
}
