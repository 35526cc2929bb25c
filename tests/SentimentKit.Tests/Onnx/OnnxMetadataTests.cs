using SentimentKit.Onnx;

namespace SentimentKit.Tests.Onnx;

public class OnnxMetadataTests
{
    [Fact]
    public void ParseLabels_FormattedLabels_RoundTrips()
    {
        string[] labels = ["négatif", "say \"hi\"", "a,b", ""];

        OnnxMetadata.ParseLabels(OnnxMetadata.FormatLabels(labels)).Should().Equal(labels);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[null]")]
    [InlineData("[1, 2]")]
    [InlineData("{\"a\": 1}")]
    [InlineData("[\"unterminated")]
    public void ParseLabels_NotAJsonArrayOfStrings_ThrowsOnnxFormatException(string value)
    {
        var act = () => OnnxMetadata.ParseLabels(value);

        act.Should().Throw<OnnxFormatException>().WithMessage("Metadata sentimentkit.labels *JSON array of strings*");
    }

    [Fact]
    public void ParseNumber_FormattedNumber_RoundTripsExactly()
    {
        var value = 1.0 / 3;

        OnnxMetadata.ParseNumber(OnnxMetadata.Temperature, OnnxMetadata.FormatNumber(value)).Should().Be(value);
    }

    [Fact]
    public void ParseNumber_NotANumber_ThrowsOnnxFormatException()
    {
        var act = () => OnnxMetadata.ParseNumber(OnnxMetadata.Temperature, "warm\n");

        act.Should().Throw<OnnxFormatException>().WithMessage("Metadata sentimentkit.temperature is not a number: 'warm\\u000a'.");
    }
}
