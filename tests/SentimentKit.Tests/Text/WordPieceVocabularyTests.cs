using System.Text;
using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class WordPieceVocabularyTests
{
    [Fact]
    public void Load_ValidFile_IdsAreLineNumbersAndSpecialsAreFound()
    {
        var vocabulary = Load("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nplay\n##ing\n");

        vocabulary.Count.Should().Be(7);
        (vocabulary.PadId, vocabulary.UnkId, vocabulary.ClsId, vocabulary.SepId, vocabulary.MaskId).Should().Be((0, 1, 2, 3, 4));
        vocabulary.GetId("##ing").Should().Be(6);
        vocabulary.GetId("nothing").Should().Be(1);
        vocabulary[5].Should().Be("play");
    }

    [Fact]
    public void Load_CrLfAndByteOrderMark_ReadsTheSameTokens()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nx\r\n")).ToArray();

        var vocabulary = WordPieceVocabulary.Load(new MemoryStream(bytes));

        vocabulary.Tokens.Should().Equal("[PAD]", "[UNK]", "[CLS]", "[SEP]", "x");
    }

    [Fact]
    public void Load_NoMaskToken_MaskIdIsNull()
    {
        Load("[PAD]\n[UNK]\n[CLS]\n[SEP]\n").MaskId.Should().BeNull();
    }

    [Theory]
    [InlineData("[PAD]\n[UNK]\n\n[CLS]\n[SEP]\n", 3, "empty")]
    [InlineData("[PAD]\n[UNK]\n[CLS]\n[SEP]\nx\ny\nx\n", 7, "already on line 5")]
    [InlineData("[PAD]\n[CLS]\nword\n", null, "[UNK], [SEP]")]
    public void Load_BadFile_ThrowsTextFormatExceptionNamingTheProblem(string content, int? line, string fragment)
    {
        var act = () => Load(content);

        var error = act.Should().Throw<TextFormatException>().Which;
        error.Line.Should().Be(line);
        error.File.Should().Be("vocab.txt");
        error.Message.Should().Contain(fragment);
    }

    [Fact]
    public void Load_InvalidUtf8_ThrowsTextFormatExceptionWithTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes("[PAD]\n[UNK]\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();

        var act = () => WordPieceVocabulary.Load(new MemoryStream(bytes));

        act.Should().Throw<TextFormatException>().Which.Message.Should().Contain("UTF-8");
    }

    private static WordPieceVocabulary Load(string content) =>
        WordPieceVocabulary.Load(new MemoryStream(Encoding.UTF8.GetBytes(content)));
}
