using SentimentKit.Modeling;
using SentimentKit.Sequences;

namespace SentimentKit.Tests.Modeling;

public class RnnClassifierOptionsTests
{
    [Fact]
    public void Constructor_Defaults_MatchTheNotebook()
    {
        var options = new RnnClassifierOptions();

        options.CellType.Should().Be(RnnCellType.Lstm);
        options.EmbeddingSize.Should().Be(100);
        options.HiddenSize.Should().Be(128);
        options.Layers.Should().Be(2);
        options.Bidirectional.Should().BeTrue();
        options.Dropout.Should().Be(0.3);
        options.EmbeddingDropout.Should().Be(0);
        options.Pooling.Should().Be(RnnPooling.Last);
        options.HeadHiddenSize.Should().Be(128);
        options.HeadDropout.Should().Be(0.3);
        options.ClassCount.Should().Be(2);
        options.PadId.Should().Be(0);
        options.UnkId.Should().Be(1);
        options.PooledSize.Should().Be(256);
    }

    [Fact]
    public void Validate_ManyBadSettings_ReportsEveryErrorAtOnce()
    {
        var options = new RnnClassifierOptions
        {
            VocabularySize = 0,
            EmbeddingSize = 0,
            HiddenSize = -1,
            Layers = 0,
            Dropout = 1.0,
            EmbeddingDropout = -0.1,
            HeadHiddenSize = 0,
            HeadDropout = double.NaN,
            ClassCount = 1,
            MaxTokens = 0,
        };

        var act = options.Validate;

        act.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(10);
    }

    [Fact]
    public void Validate_PretrainedOfWrongShape_ThrowsNamingTheShapes()
    {
        var options = new RnnClassifierOptions { VocabularySize = 5, EmbeddingSize = 3, PretrainedEmbeddings = new float[5, 4] };

        var act = options.Validate;

        act.Should().Throw<InvalidOptionsException>().WithMessage("*5 x 3*5 x 4*");
    }

    [Fact]
    public void Validate_UnkEqualsPad_ThrowsInvalidOptionsException()
    {
        var options = new RnnClassifierOptions { VocabularySize = 5, UnkId = 0 };

        var act = options.Validate;

        act.Should().Throw<InvalidOptionsException>().Which.Errors.Should().ContainSingle();
    }

    [Fact]
    public void Validate_ValidOptions_DoesNotThrow()
    {
        var act = new RnnClassifierOptions { VocabularySize = 10 }.Validate;

        act.Should().NotThrow();
    }
}
