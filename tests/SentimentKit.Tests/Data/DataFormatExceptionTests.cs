using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class DataFormatExceptionTests
{
    [Fact]
    public void Message_ControlAndBidirectionalCharacters_AreEscapedOnOneLine()
    {
        var error = new DataFormatException("a\u0000b.csv", 3, null, "bad\r\nvalue \u001B[2J \u202Egnp.exe \u0085 \u009B");

        error.Message.Should().Be("a\\u0000b.csv:3: bad value \\u001B[2J \\u202Egnp.exe   \\u009B");
        error.Message.Should().NotContainAny("\u0000", "\u001B", "\u202E", "\u009B", "\n", "\r");
    }

    [Fact]
    public void Message_OfMessageOnlyConstructor_IsEscapedToo()
    {
        new DataFormatException("tab\there").Message.Should().Be("tab\\u0009here");
    }

    [Fact]
    public void Message_PlainText_IsUnchanged()
    {
        new DataFormatException("data.csv", 2, null, "expected 2 fields, found 3 (caf\u00E9 \U0001F600).").Message
            .Should().Be("data.csv:2: expected 2 fields, found 3 (caf\u00E9 \U0001F600).");
    }
}
