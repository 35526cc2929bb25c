using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class NGramKeyTests
{
    [Theory]
    [InlineData(0, -1, -1, 1)]
    [InlineData(5, 0, -1, 2)]
    [InlineData(NGramKey.MaxTokenId, NGramKey.MaxTokenId, NGramKey.MaxTokenId, 3)]
    public void Constructor_Ids_RoundTripThroughPacking(int first, int second, int third, int length)
    {
        var key = new NGramKey(first, second, third);
        (key.First, key.Second, key.Third, key.Length).Should().Be((first, second, third, length));
        key.Should().Be(new NGramKey(first, second, third));
        key.Packed.Should().NotBe(0);
    }

    [Fact]
    public void CompareTo_OrdersByFirstThenSecondThenThird()
    {
        new NGramKey(1, 2, -1).CompareTo(new NGramKey(1, 3, -1)).Should().BeNegative();
        new NGramKey(2, -1, -1).CompareTo(new NGramKey(1, 9, 9)).Should().BePositive();
        new NGramKey(1, -1, -1).CompareTo(new NGramKey(1, 0, -1)).Should().BeNegative();
    }
}
