using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class VocabularyTests
{
    private static readonly string[] Corpus =
    [
        "The film was GOOD, good and good!",
        "A bad film. Bad acting.",
        "the end",
    ];

    [Fact]
    public void Build_Corpus_SpecialsFirstThenFrequencyThenOrdinal()
    {
        var vocabulary = Vocabulary.Build(Corpus);
        vocabulary[Vocabulary.PadId].Should().Be("<pad>");
        vocabulary[Vocabulary.UnkId].Should().Be("<unk>");
        vocabulary.Tokens.Skip(2).Should().Equal("good", ".", "bad", "film", "the", "!", ",", "a", "acting", "and", "end", "was");
        vocabulary.GetFrequency(vocabulary.GetId("good")).Should().Be(3);
    }

    [Fact]
    public void Build_MinFrequencyAndMaxSize_LimitEntries()
    {
        var vocabulary = Vocabulary.Build(Corpus, new VocabularyOptions { MinFrequency = 2, MaxSize = 5 });
        vocabulary.Tokens.Should().Equal("<pad>", "<unk>", "good", ".", "bad");
    }

    [Fact]
    public void Build_SameCorpusTwice_GivesSameIds()
    {
        var texts = Enumerable.Range(0, 3000).Select(i => $"word{i % 97} other{i % 13} shared").ToArray();
        var first = Vocabulary.Build(texts);
        var second = Vocabulary.Build(texts, new VocabularyOptions { MaxDegreeOfParallelism = 1 });
        first.Tokens.Should().Equal(second.Tokens);
        first.Frequencies.Should().Equal(second.Frequencies);
    }

    [Fact]
    public void Build_WordTokenizerShortcut_CountsLikeNormalizingFirst()
    {
        var random = new Random(21);
        string[] pieces = ["Movie", "GREAT", "it's", " ", "\t", "<br />", "<i>", "<3", "&amp;", "caf\u00E9", "a<b", ":)", "!!"];
        var texts = Enumerable.Range(0, 400)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 15)).Select(_ => pieces[random.Next(pieces.Length)])))
            .ToArray();

        var fused = Vocabulary.Build(texts);
        var plain = Vocabulary.Build(texts, tokenizer: new DelegatingTokenizer());

        fused.Tokens.Should().Equal(plain.Tokens);
        fused.Frequencies.Should().Equal(plain.Frequencies);
    }

    [Fact]
    public void Build_InvalidOptions_ReportsEveryProblem()
    {
        var act = () => Vocabulary.Build(Corpus, new VocabularyOptions { MinFrequency = 0, MaxSize = 1 });
        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("MinFrequency").And.Contain("MaxSize");
    }

    [Fact]
    public void Build_NullText_ThrowsArgumentException()
    {
        var act = () => Vocabulary.Build(["a", null!]);
        act.Should().Throw<ArgumentException>().WithMessage("Text 1*");
    }

    [Fact]
    public void GetId_UnknownToken_ReturnsUnkId()
    {
        Vocabulary.Build(Corpus).GetId("zebra").Should().Be(Vocabulary.UnkId);
    }

    [Fact]
    public void DecodeTokens_OutOfRangeId_Throws()
    {
        var vocabulary = Vocabulary.Build(Corpus);
        var act = () => vocabulary.Decode([vocabulary.Count]);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void OutOfVocabularyRate_HalfUnknown_ReturnsHalf()
    {
        Vocabulary.Build(Corpus).OutOfVocabularyRate(["good", "zebra", "bad", "yak"]).Should().Be(0.5);
    }

    [Fact]
    public void SaveLoad_RoundTrip_KeepsTokensAndFrequencies()
    {
        using var temp = new TempDirectory();
        var vocabulary = Vocabulary.Build(Corpus);
        var path = temp.File("vocab.json");
        vocabulary.Save(path);
        var loaded = Vocabulary.Load(path);
        loaded.Tokens.Should().Equal(vocabulary.Tokens);
        loaded.Frequencies.Should().Equal(vocabulary.Frequencies);
        loaded.GetId("film").Should().Be(vocabulary.GetId("film"));
    }

    [Theory]
    [InlineData("""{"format":"sentimentkit-vocabulary","version":1,"entries":[{"id":0,"token":"<unk>"},{"id":1,"token":"<pad>"}]}""", "specials")]
    [InlineData("""{"format":"sentimentkit-vocabulary","version":1,"entries":[{"id":0,"token":"<pad>"},{"id":1,"token":"<unk>"},{"id":2,"token":"a"},{"id":3,"token":"a"}]}""", "twice")]
    [InlineData("""{"format":"sentimentkit-vocabulary","version":1,"entries":[{"id":0,"token":"<pad>"},{"id":1,"token":"<unk>"},{"id":3,"token":"a"}]}""", "contiguous")]
    [InlineData("""{"format":"other","version":1,"entries":[]}""", "not a vocabulary")]
    [InlineData("""{"format":""", "invalid JSON")]
    public void Load_InvalidFile_ThrowsTextFormatExceptionNamingFile(string json, string reason)
    {
        using var temp = new TempDirectory();
        var path = temp.File("bad-vocab.json");
        File.WriteAllText(path, json);
        var act = () => Vocabulary.Load(path);
        var error = act.Should().Throw<TextFormatException>().Which;
        error.File.Should().Be(path);
        error.Message.Should().Contain(path).And.Contain(reason);
    }

    private sealed class DelegatingTokenizer : ITokenizer
    {
        public bool TryReadToken(ReadOnlySpan<char> text, ref int position, out int start, out int length) =>
            WordTokenizer.Instance.TryReadToken(text, ref position, out start, out length);

        public IReadOnlyList<string> Tokenize(string text) => WordTokenizer.Instance.Tokenize(text);
    }
}
