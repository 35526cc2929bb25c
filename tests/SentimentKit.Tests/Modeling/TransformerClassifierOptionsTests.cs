using SentimentKit.Modeling;
using SentimentKit.Sequences;

namespace SentimentKit.Tests.Modeling;

public class TransformerClassifierOptionsTests
{
    [Fact]
    public void Ctor_Defaults_AreAllMiniLmL6V2sEncoder()
    {
        var options = new TransformerClassifierOptions();

        options.VocabularySize.Should().Be(30522);
        options.HiddenSize.Should().Be(384);
        options.Layers.Should().Be(6);
        options.AttentionHeads.Should().Be(12);
        options.IntermediateSize.Should().Be(1536);
        options.MaxPositions.Should().Be(512);
        options.TypeVocabularySize.Should().Be(2);
        options.LayerNormEpsilon.Should().Be(1e-12);
        options.HiddenDropout.Should().Be(0.1);
        options.AttentionDropout.Should().Be(0.1);
        options.Pooling.Should().Be(TransformerPooling.Mean);
        options.HeadDropout.Should().Be(0.1);
        options.ClassCount.Should().Be(2);
        options.PadId.Should().Be(0);
        options.UnkId.Should().Be(100);
        options.Invoking(o => o.Validate()).Should().NotThrow();
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var options = new TransformerClassifierOptions
        {
            HiddenSize = 10,
            AttentionHeads = 4,
            Layers = 0,
            HiddenDropout = 1,
            LayerNormEpsilon = 0,
            ClassCount = 1,
            UnkId = 40000,
            Pooling = (TransformerPooling)9,
        };

        var act = options.Validate;

        act.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(7)
            .And.Contain(e => e.Contains("AttentionHeads (4) must divide HiddenSize (10)", StringComparison.Ordinal))
            .And.Contain(e => e.Contains("UnkId (40000)", StringComparison.Ordinal))
            .And.Contain(e => e.Contains("Pooling", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsBeforeBuildingAnything()
    {
        var act = () => new TransformerClassifier(new TransformerClassifierOptions { UnkId = 0 });

        act.Should().Throw<InvalidOptionsException>().WithMessage("*UnkId must differ from PadId*");
    }
}
