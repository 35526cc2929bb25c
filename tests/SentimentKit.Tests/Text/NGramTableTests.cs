using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class NGramTableTests
{
    [Fact]
    public void Find_EveryKey_ReturnsItsIndexAndMissingReturnsMinusOne()
    {
        var keys = new List<NGramKey>();
        for (var a = 0; a < 100; a++)
        {
            for (var b = 0; b < 30; b++)
            {
                keys.Add(new NGramKey(a, b, b % 3 == 0 ? -1 : a + b));
            }
        }

        var table = new NGramTable(keys);

        for (var i = 0; i < keys.Count; i++)
        {
            table.Find(keys[i]).Should().Be(i);
        }

        table.Find(new NGramKey(500, 1, -1)).Should().Be(-1);
        table.Find(new NGramKey(1, -1, -1)).Should().Be(-1);
    }
}
