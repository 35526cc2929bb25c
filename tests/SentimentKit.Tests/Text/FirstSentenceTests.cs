using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class FirstSentenceTests
{
    [Theory]
    [InlineData("Great film. The cast is large.", "Great film.")]
    [InlineData("Wow!!! Loved it.", "Wow!!!")]
    [InlineData("He said \"no.\" Then he left.", "He said \"no.\"")]
    [InlineData("It cost 3.50 at most. Fine.", "It cost 3.50 at most.")]
    [InlineData("A fine film<br /><br />The second paragraph.", "A fine film")]
    [InlineData("Was it good? Yes", "Was it good?")]
    [InlineData("  no sentence end here  ", "no sentence end here")]
    [InlineData("Ends with a dot.", "Ends with a dot.")]
    [InlineData("", "")]
    public void Of_Text_ReturnsUpToTheFirstSentenceEnd(string text, string expected) =>
        FirstSentence.Of(text).Should().Be(expected);

    [Fact]
    public void Of_LeadingLineBreak_IsNotASentence() =>
        FirstSentence.Of("<br />Good. Bad.").Should().Be("<br />Good.");
}
