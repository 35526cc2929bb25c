using SentimentKit.Sequences;

namespace SentimentKit.Tests.Sequences;

public class PaddingStatisticsTests
{
    [Fact]
    public void Compute_TwoBatches_SumsRealTokensAndSlots()
    {
        int[] lengths = [1, 4, 2, 2];

        var statistics = PaddingStatistics.Compute([[0, 1], [2, 3]], lengths);

        statistics.RealTokens.Should().Be(9);
        statistics.PaddedSlots.Should().Be(8 + 4);
        statistics.Efficiency.Should().BeApproximately(9.0 / 12, 1e-12);
    }

    [Fact]
    public void Efficiency_NoSlots_IsOne()
    {
        new PaddingStatistics(0, 0).Efficiency.Should().Be(1.0);
    }
}
