using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class DatasetSplitterTests
{
    private static readonly TextExample[] Examples =
        [.. Enumerable.Range(0, 100).Select(i => new TextExample($"t{i}", i % 4 == 0 ? "neg" : "pos"))];

    [Fact]
    public void StratifiedSplit_KeepsLabelShares()
    {
        var split = DatasetSplitter.StratifiedSplit(Examples, 0.2, seed: 1);

        split.Validation.Should().HaveCount(20);
        split.Validation.Count(e => e.Label == "neg").Should().Be(5);
        split.Train.Count(e => e.Label == "neg").Should().Be(20);
        split.Train.Concat(split.Validation).Should().BeEquivalentTo(Examples);
    }

    [Fact]
    public void StratifiedSplit_SameSeed_SameSplitDifferentSeedDifferent()
    {
        var a = DatasetSplitter.StratifiedSplit(Examples, 0.3, seed: 7);
        var b = DatasetSplitter.StratifiedSplit(Examples, 0.3, seed: 7);
        var c = DatasetSplitter.StratifiedSplit(Examples, 0.3, seed: 8);

        a.Validation.Should().Equal(b.Validation);
        a.Validation.Should().NotEqual(c.Validation);
    }

    [Fact]
    public void StratifiedSplit_PartsKeepOriginalOrder()
    {
        var split = DatasetSplitter.StratifiedSplit(Examples, 0.5, seed: 3);
        split.Train.Select(e => int.Parse(e.Text[1..], System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
    }

    [Fact]
    public void StratifiedSplit_TinyLabel_KeepsOneInEachPartOrTrain()
    {
        TextExample[] examples = [new("a", "x"), new("b", "x"), new("c", "y")];
        var split = DatasetSplitter.StratifiedSplit(examples, 0.01, seed: 0);
        split.Validation.Should().ContainSingle().Which.Label.Should().Be("x");
        split.Train.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void StratifiedSplit_FractionOutOfRange_Throws(double fraction)
    {
        var act = () => DatasetSplitter.StratifiedSplit(Examples, fraction, 0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
