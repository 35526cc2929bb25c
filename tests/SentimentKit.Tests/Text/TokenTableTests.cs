using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class TokenTableTests
{
    [Fact]
    public void Find_EveryToken_ReturnsItsIndex()
    {
        var tokens = Enumerable.Range(0, 5000).Select(i => "t" + new string('x', i % 23) + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var table = new TokenTable(tokens);
        for (var i = 0; i < tokens.Length; i++)
        {
            table.Find(tokens[i]).Should().Be(i);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("abcd")]
    [InlineData("abcdefghi")]
    public void Find_MissingOrPrefix_ReturnsMinusOne(string key)
    {
        var table = new TokenTable(["abcde", "abcdefgh", "b"]);
        table.Find(key).Should().Be(-1);
    }

    [Fact]
    public void Find_SpanInsideLongerText_MatchesBySlice()
    {
        var table = new TokenTable(["good", "film"]);
        "a good film".AsSpan(2, 4).ToString().Should().Be("good");
        table.Find("a good film".AsSpan(7, 4)).Should().Be(1);
    }
}
