using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class WordTokenizerTests
{
    private static IReadOnlyList<string> Tokens(string text) => WordTokenizer.Instance.Tokenize(text);

    [Fact]
    public void Tokenize_ApostrophesAndHyphens_StayInsideWords()
    {
        Tokens("don't miss this well-made film").Should().Equal("don't", "miss", "this", "well-made", "film");
    }

    [Fact]
    public void Tokenize_PunctuationRuns_AreOneToken()
    {
        Tokens("wow!!! well... ok?!").Should().Equal("wow", "!!!", "well", "...", "ok", "?", "!");
    }

    [Fact]
    public void Tokenize_Numbers_KeepDecimalsAndSeparators()
    {
        Tokens("rated 3.5 of 10, 1,000 fans").Should().Equal("rated", "3.5", "of", "10", ",", "1,000", "fans");
    }

    [Theory]
    [InlineData("great :)", ":)")]
    [InlineData("bad :(", ":(")]
    [InlineData("nice :-)", ":-)")]
    [InlineData("lol :D", ":D")]
    [InlineData("lol :d", ":d")]
    [InlineData("wink ;)", ";)")]
    [InlineData("love <3", "<3")]
    [InlineData("happy ^_^", "^_^")]
    [InlineData("yay :)))", ":)))")]
    public void Tokenize_Emoticons_AreTokens(string text, string emoticon)
    {
        Tokens(text).Should().HaveCount(2).And.EndWith(emoticon);
    }

    [Fact]
    public void Tokenize_ColonBeforeWord_IsNotAnEmoticon()
    {
        Tokens("note:drama").Should().Equal("note", ":", "drama");
    }

    [Fact]
    public void Tokenize_Url_IsNotAFace()
    {
        Tokens("http://x").Should().Equal("http", ":", "//", "x");
    }

    [Fact]
    public void Tokenize_QuotesAroundWord_AreSeparate()
    {
        Tokens("'quoted' (yes)").Should().Equal("'", "quoted", "'", "(", "yes", ")");
    }

    [Fact]
    public void Tokenize_NonAsciiLettersAndEmoji_AreHandled()
    {
        Tokens("café naïve \U0001F600\U0001F600").Should().Equal("café", "naïve", "\U0001F600", "\U0001F600");
    }

    [Fact]
    public void Tokenize_EmptyOrWhitespace_ReturnsNoTokens()
    {
        Tokens(" \t\n").Should().BeEmpty();
        Tokens(string.Empty).Should().BeEmpty();
    }

    [Fact]
    public void EnumerateTokens_GivesSameTokensAsTokenize()
    {
        const string text = "it's a well-made, fun film :) 10/10!!!";
        var fromRanges = new List<string>();
        foreach (var range in WordTokenizer.Instance.EnumerateTokens(text))
        {
            fromRanges.Add(text[range]);
        }

        fromRanges.Should().Equal(Tokens(text));
        WordTokenizer.Instance.CountTokens(text).Should().Be(fromRanges.Count);
    }

    [Fact]
    public void Tokenize_RandomText_TokensCoverAllNonSpaceCharacters()
    {
        const string alphabet = "ab1 .,'-!:)(<3^_\t";
        var random = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var chars = new char[random.Next(0, 30)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var tokens = Tokens(text);
            tokens.Should().NotContain(t => t.Length == 0 || t.Contains(' ', StringComparison.Ordinal));
            string.Concat(tokens).Should().Be(text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\t", string.Empty, StringComparison.Ordinal));
        }
    }
}
