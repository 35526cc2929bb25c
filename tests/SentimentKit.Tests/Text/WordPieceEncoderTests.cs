using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class WordPieceEncoderTests
{
    private static readonly WordPieceVocabulary Vocabulary = WordPieceVocabulary.FromTokens(
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "play", "##ing", "!"]);

    [Fact]
    public void EncodeIds_ShortText_FramedByClsAndSep()
    {
        var encoder = new WordPieceEncoder(new WordPieceTokenizer(Vocabulary));

        encoder.EncodeIds("w1 playing!").Should().Equal(2, 5, 14, 15, 16, 3);
    }

    [Fact]
    public void EncodeIds_EmptyText_OnlyClsAndSep()
    {
        new WordPieceEncoder(new WordPieceTokenizer(Vocabulary)).EncodeIds(string.Empty).Should().Equal(2, 3);
    }

    [Fact]
    public void Encode_LongText_KeepsAQuarterFromTheHeadAndTheRestFromTheTail()
    {
        var encoder = new WordPieceEncoder(new WordPieceTokenizer(Vocabulary), new WordPieceEncoderOptions { MaxTokens = 10 });

        var encoding = encoder.Encode("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9");

        // 8 pieces fit: floor(8 / 4) = 2 from the head, 6 from the tail.
        encoding.Ids.Select(Vocabulary.GetToken).Should().Equal("[CLS]", "w0", "w1", "w4", "w5", "w6", "w7", "w8", "w9", "[SEP]");
        encoding.WordIndices.Should().Equal(-1, 0, 1, 4, 5, 6, 7, 8, 9, -1);
        encoding.PieceCount.Should().Be(10);
        encoding.IsTruncated.Should().BeTrue();
        encoder.EncodeIds("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9").Should().Equal(encoding.Ids);
    }

    [Theory]
    [InlineData(1.0, new[] { "w0", "w1", "w2" })]
    [InlineData(0.0, new[] { "w7", "w8", "w9" })]
    public void EncodeIds_HeadShareAtTheEnds_KeepsOnlyOneSide(double share, string[] kept)
    {
        var encoder = new WordPieceEncoder(new WordPieceTokenizer(Vocabulary), new WordPieceEncoderOptions { MaxTokens = 5, TruncationHeadShare = share });

        var ids = encoder.EncodeIds("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9");

        ids.Select(Vocabulary.GetToken).Should().Equal(["[CLS]", .. kept, "[SEP]"]);
    }

    [Fact]
    public void Encode_WordCutInTheMiddle_KeepsItsIndexOnTheKeptPieces()
    {
        var encoder = new WordPieceEncoder(new WordPieceTokenizer(Vocabulary), new WordPieceEncoderOptions { MaxTokens = 4, TruncationHeadShare = 0.5 });

        var encoding = encoder.Encode("playing w1 playing");

        encoding.Ids.Select(Vocabulary.GetToken).Should().Equal("[CLS]", "play", "##ing", "[SEP]");
        encoding.WordIndices.Should().Equal(-1, 0, 2, -1);
        encoding.Words.Should().HaveCount(3);
    }

    [Fact]
    public void EncodeIds_ManyTexts_SameAsOneByOne()
    {
        var encoder = new WordPieceEncoder(new WordPieceTokenizer(WordPieceVocabulary.FromTokens(WordPieceCorpus.GeneratedVocabulary())), new WordPieceEncoderOptions { MaxTokens = 64 });
        var texts = WordPieceCorpus.Create(100);

        var batch = encoder.EncodeIds(texts);

        batch.Should().BeEquivalentTo(texts.Select(encoder.EncodeIds).ToArray(), o => o.WithStrictOrdering());
        batch.Should().OnlyContain(ids => ids.Length <= 64);
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryProblem()
    {
        var act = () => new WordPieceEncoder(new WordPieceTokenizer(Vocabulary), new WordPieceEncoderOptions { MaxTokens = 1, TruncationHeadShare = 2 });

        act.Should().Throw<ArgumentException>().WithMessage("*MaxTokens*TruncationHeadShare*");
    }
}
