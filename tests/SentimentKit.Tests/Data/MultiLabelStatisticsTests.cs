using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class MultiLabelStatisticsTests
{
    private static readonly TextExample[] Examples =
    [
        TextExample.WithLabels("1", ["sports", "politics"]),
        TextExample.WithLabels("2", ["politics", "sports", "economy"]),
        TextExample.WithLabels("3", ["economy"]),
        TextExample.WithLabels("4", []),
        TextExample.WithLabels("5", ["economy", "politics"]),
    ];

    [Fact]
    public void Compute_LabelSets_CountsByHand()
    {
        var stats = MultiLabelStatistics.Compute(Examples);

        stats.Count.Should().Be(5);
        stats.Labels.Should().Equal("economy", "politics", "sports");
        stats.Cardinality.Should().Be(8 / 5.0);
        stats.Density.Should().BeApproximately(8 / 15.0, 1e-15);
        stats.EmptyCount.Should().Be(1);
        stats.CountPerLabel.Should().Equal(new Dictionary<string, int> { ["economy"] = 3, ["politics"] = 3, ["sports"] = 2 });
        stats.LabelSetSizeCounts.Should().Equal(new Dictionary<int, int> { [0] = 1, [1] = 1, [2] = 2, [3] = 1 });
        stats.LabelSetSizeCounts.Keys.Should().BeInAscendingOrder();
        stats.TopPairs.Should().Equal(
            new LabelPairCount("economy", "politics", 2),
            new LabelPairCount("politics", "sports", 2),
            new LabelPairCount("economy", "sports", 1));
    }

    [Fact]
    public void Compute_TiesAndManyPairs_TopTenByCountThenNames()
    {
        // Six labels that all occur together once: 15 pairs of count 1, plus one pair seen twice.
        string[] names = ["f", "e", "d", "c", "b", "a"];
        var stats = MultiLabelStatistics.Compute([TextExample.WithLabels("1", names), TextExample.WithLabels("2", ["e", "f"])]);

        stats.TopPairs.Should().HaveCount(MultiLabelStatistics.MaxTopPairs);
        stats.TopPairs[0].Should().Be(new LabelPairCount("e", "f", 2));
        stats.TopPairs.Skip(1).Select(p => p.First + p.Second).Should().Equal("ab", "ac", "ad", "ae", "af", "bc", "bd", "be", "bf");
    }

    [Fact]
    public void Compute_NoExamples_IsAllZero()
    {
        var stats = MultiLabelStatistics.Compute([]);

        stats.Count.Should().Be(0);
        stats.Cardinality.Should().Be(0);
        stats.Density.Should().Be(0);
        stats.Labels.Should().BeEmpty();
        stats.TopPairs.Should().BeEmpty();
    }

    [Fact]
    public void Compute_SingleLabelExample_ThrowsArgumentException()
    {
        var act = () => MultiLabelStatistics.Compute([TextExample.WithLabels("1", ["a"]), new TextExample("2", "a")]);

        act.Should().Throw<ArgumentException>().WithMessage("Example 1 is single-label*");
    }
}
