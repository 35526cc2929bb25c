using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class WordPieceTokenizerTests
{
    private static readonly WordPieceVocabulary Vocabulary = WordPieceVocabulary.FromTokens(
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "##ably", "play", "##ing", "##s", "the", "film",
        "cafe", "naive", ",", "!", ".", "'", "t", "don", "中", "文", "a", "##a", "b", "##b", "x", "y", "Film", "<", ">", "br", "/",
    ]);

    [Theory]
    [InlineData("unaffable", new[] { "un", "##aff", "##able" })]
    [InlineData("unaffably playing", new[] { "un", "##aff", "##ably", "play", "##ing" })]
    [InlineData("plays", new[] { "play", "##s" })]
    [InlineData("playx", new[] { "[UNK]" })]
    [InlineData("The FILM!", new[] { "the", "film", "!" })]
    [InlineData("Don't", new[] { "don", "'", "t" })]
    [InlineData("Café, NAÏVE.", new[] { "cafe", ",", "naive", "." })]
    [InlineData("cafe\u0301", new[] { "cafe" })]
    [InlineData("中文film", new[] { "中", "文", "film" })]
    [InlineData("the\u200Bfilm", new[] { "[UNK]" })]
    [InlineData("  \t\n ", new string[0])]
    [InlineData("<br />", new[] { "<", "br", "/", ">" })]
    public void TokenizeToStrings_UncasedDefaults_BertPieces(string text, string[] expected)
    {
        new WordPieceTokenizer(Vocabulary).TokenizeToStrings(text).Should().Equal(expected);
    }

    [Fact]
    public void TokenizeToStrings_ZeroWidthSpaceInsideAWord_IsRemovedNotASplit()
    {
        // "the" + ZWSP + "film" is one word "thefilm", which has no pieces.
        new WordPieceTokenizer(Vocabulary).TokenizeToStrings("the\u200Bfilm the").Should().Equal("[UNK]", "the");
    }

    [Fact]
    public void TokenizeToStrings_LongWords_UnknownPastTheCharacterLimit()
    {
        var tokenizer = new WordPieceTokenizer(Vocabulary, new WordPieceTokenizerOptions { MaxCharactersPerWord = 4 });

        tokenizer.TokenizeToStrings("aaaa aaaaa").Should().Equal("a", "##a", "##a", "##a", "[UNK]");
    }

    [Fact]
    public void TokenizeToStrings_DefaultLimit_Counts100CodePoints()
    {
        var tokenizer = new WordPieceTokenizer(Vocabulary);

        tokenizer.TokenizeToStrings(new string('b', 100)).Should().HaveCount(100);
        tokenizer.TokenizeToStrings(new string('b', 101)).Should().Equal("[UNK]");
    }

    [Fact]
    public void TokenizeToStrings_CasedOptions_KeepsCaseAndAccents()
    {
        var tokenizer = new WordPieceTokenizer(Vocabulary, new WordPieceTokenizerOptions { LowerCase = false });

        tokenizer.TokenizeToStrings("Film film FILM Café").Should().Equal("Film", "film", "[UNK]", "[UNK]");
    }

    [Fact]
    public void Tokenize_WithWords_EachPieceMapsToItsWordInTheOriginalText()
    {
        var tokenizer = new WordPieceTokenizer(Vocabulary);
        const string text = "  Unaffable, CAFE\u0301 plays!";
        var ids = new List<int>();
        var wordIndices = new List<int>();
        var words = new List<WordSpan>();

        var count = tokenizer.Tokenize(text, ids, wordIndices, words);

        count.Should().Be(8);
        words.Select(w => w.GetText(text)).Should().Equal("Unaffable", ",", "CAFE\u0301", "plays", "!");
        wordIndices.Should().Equal(0, 0, 0, 1, 2, 3, 3, 4);
        ids.Select(Vocabulary.GetToken).Should().Equal("un", "##aff", "##able", ",", "cafe", "play", "##s", "!");
    }

    [Fact]
    public void Tokenize_ManyThreads_SameIdsAsOneThread()
    {
        var tokenizer = new WordPieceTokenizer(WordPieceVocabulary.FromTokens(WordPieceCorpus.GeneratedVocabulary()));
        var texts = WordPieceCorpus.Create(200);
        var expected = texts.Select(t => Ids(tokenizer, t)).ToArray();

        var parallel = new int[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Ids(tokenizer, texts[i]));

        parallel.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsArgumentException()
    {
        var act = () => new WordPieceTokenizer(Vocabulary, new WordPieceTokenizerOptions { MaxCharactersPerWord = 0 });

        act.Should().Throw<ArgumentException>().WithMessage("*MaxCharactersPerWord*");
    }

    private static int[] Ids(WordPieceTokenizer tokenizer, string text)
    {
        var ids = new List<int>();
        tokenizer.Tokenize(text, ids);
        return [.. ids];
    }
}
