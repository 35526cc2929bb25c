using SentimentKit.Text;
using FastBert = FastBertTokenizer.BertTokenizer;

namespace SentimentKit.Tests.Text;

/// <summary>
/// <see cref="WordPieceTokenizer"/> against FastBertTokenizer 1.2.6 (a reference for tests only)
/// on a few hundred varied texts, with the real MiniLM vocab.txt when present and a small made-up
/// vocabulary always; and the few inputs where the two differ on purpose, pinned.
/// </summary>
public class WordPieceParityTests
{
    private const int TextCount = 400;

    [Fact]
    public void Tokenize_VariedTextsWithGeneratedVocabulary_SameIdsAsFastBertTokenizer()
    {
        var tokens = WordPieceCorpus.GeneratedVocabulary();

        var (same, mismatches) = Compare(WordPieceVocabulary.FromTokens(tokens), Reference(string.Join('\n', tokens)));

        mismatches.Should().BeEmpty();
        same.Should().Be(TextCount);
    }

    [SkippableFact]
    public void Tokenize_VariedTextsWithMiniLmVocabulary_SameIdsAsFastBertTokenizer()
    {
        Skip.If(MiniLmFiles.VocabularyPath is null, MiniLmFiles.SkipReason);
        var path = MiniLmFiles.VocabularyPath!;

        var (same, mismatches) = Compare(WordPieceVocabulary.Load(path), Reference(File.ReadAllText(path)));

        mismatches.Should().BeEmpty();
        same.Should().Be(TextCount);
    }

    [SkippableFact]
    public void Tokenize_MiniLmVocabulary_KnownPieces()
    {
        Skip.If(MiniLmFiles.VocabularyPath is null, MiniLmFiles.SkipReason);
        var tokenizer = new WordPieceTokenizer(WordPieceVocabulary.Load(MiniLmFiles.VocabularyPath!));

        // The word the MiniLM package's own tokenizer reads as [UNK].
        tokenizer.TokenizeToStrings("A clichéd, UNWATCHABLE film!").Should().Equal("a", "cl", "##iche", "##d", ",", "un", "##watch", "##able", "film", "!");
    }

    [Fact]
    public void Tokenize_WordOfMoreThan100Characters_UnknownWhereFastBertTokenizerSplitsIt()
    {
        var tokens = WordPieceCorpus.GeneratedVocabulary();
        var ours = new WordPieceTokenizer(WordPieceVocabulary.FromTokens(tokens));
        var reference = Reference(string.Join('\n', tokens));
        var text = new string('a', 101);

        var ids = Ours(ours, text);

        // BERT's WordPiece reads a word of more than max_input_chars_per_word (100) as [UNK];
        // FastBertTokenizer 1.2.6 has no such limit.
        ids.Should().Equal(ours.Vocabulary.ClsId, ours.Vocabulary.UnkId, ours.Vocabulary.SepId);
        Theirs(reference, text).Should().NotEqual(ids);
    }

    [Theory]
    [InlineData("a\vb", new[] { "a", "##b" }, "a vertical tab is a control character, removed")]
    [InlineData("a\fb", new[] { "a", "##b" }, "a form feed is a control character, removed")]
    [InlineData("a\u0085b", new[] { "a", "##b" }, "NEL is a control character, removed")]
    [InlineData("x \u0301 y", new[] { "x", "y" }, "a combining mark alone is stripped, leaving no word")]
    [InlineData("a\U00020000b", new[] { "a", "[UNK]", "b" }, "CJK Extension B ideographs are split off like other CJK ideographs")]
    public void Tokenize_ControlsMarksAndSupplementaryCjk_FollowsBertWhereFastBertTokenizerDoesNot(string text, string[] expected, string because)
    {
        var tokens = WordPieceCorpus.GeneratedVocabulary();
        var ours = new WordPieceTokenizer(WordPieceVocabulary.FromTokens(tokens));
        var reference = Reference(string.Join('\n', tokens));

        var pieces = ours.TokenizeToStrings(text);

        pieces.Should().Equal(expected, because);
        Theirs(reference, text).Should().NotEqual(Ours(ours, text));
    }

    private static (int Same, List<string> Mismatches) Compare(WordPieceVocabulary vocabulary, FastBert reference)
    {
        var tokenizer = new WordPieceTokenizer(vocabulary);
        var same = 0;
        var mismatches = new List<string>();
        foreach (var text in WordPieceCorpus.Create(TextCount))
        {
            var ours = Ours(tokenizer, text);
            var theirs = Theirs(reference, text);
            if (ours.SequenceEqual(theirs))
            {
                same++;
            }
            else if (mismatches.Count < 5)
            {
                mismatches.Add($"{text}\n  ours:   {string.Join(' ', ours.Select(vocabulary.GetToken))}\n  theirs: {string.Join(' ', theirs.Select(vocabulary.GetToken))}");
            }
        }

        return (same, mismatches);
    }

    private static int[] Ours(WordPieceTokenizer tokenizer, string text) =>
        new WordPieceEncoder(tokenizer, new WordPieceEncoderOptions { MaxTokens = 100_000 }).EncodeIds(text);

    private static int[] Theirs(FastBert reference, string text)
    {
        var (ids, _, _) = reference.Encode(text, maximumTokens: 100_000);
        return ids.ToArray().Select(id => checked((int)id)).ToArray();
    }

    private static FastBert Reference(string vocabularyText)
    {
        var reference = new FastBert();
        using var reader = new StringReader(vocabularyText);
        reference.LoadVocabulary(reader, convertInputToLowercase: true);
        return reference;
    }
}
