using SentimentKit.Modeling;
using SentimentKit.Sequences;

namespace SentimentKit.Tests.Modeling;

public class BagOfNgramsClassifierOptionsTests
{
    [Fact]
    public void Validate_NoFeaturesAndOneClass_ReportsBothErrors()
    {
        var act = new BagOfNgramsClassifierOptions { FeatureCount = 0, ClassCount = 1 }.Validate;

        act.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(2);
    }

    [Fact]
    public void Validate_ValidOptions_DoesNotThrow()
    {
        var act = new BagOfNgramsClassifierOptions { FeatureCount = 3 }.Validate;

        act.Should().NotThrow();
    }
}
