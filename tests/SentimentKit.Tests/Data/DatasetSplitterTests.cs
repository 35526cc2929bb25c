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

    [Fact]
    public void StratifiedIndices_NumericLabels_GroupsInLabelSetOrderLikeTheExampleOverload()
    {
        // "10" sorts before "2" as text but after it as a label: both overloads must take the label set's order.
        TextExample[] examples = [.. Enumerable.Range(0, 40).Select(i => new TextExample($"t{i}", i % 3 == 0 ? "2" : "10"))];
        var labels = LabelSet.FromLabels(examples.Select(e => e.Label));

        var byExamples = DatasetSplitter.StratifiedSplit(examples, 0.25, seed: 4);
        var (_, validation) = DatasetSplitter.StratifiedIndices([.. examples.Select(e => labels.GetIndex(e.Label))], 0.25, seed: 4);

        labels.Names.Should().Equal("2", "10");
        byExamples.Validation.Should().Equal(validation.Select(i => examples[i]));
    }

    [Fact]
    public void StratifiedIndices_EveryClassOfTwoOrMore_GivesOneToEachPart()
    {
        var (train, validation) = DatasetSplitter.StratifiedIndices([0, 0, 1, 1, 1, 2], 0.01, seed: 9);

        validation.Select(i => new[] { 0, 0, 1, 1, 1, 2 }[i]).Should().BeEquivalentTo([0, 1]);
        train.Should().HaveCount(4).And.Contain(5, "a class with one example stays in training");
        train.Concat(validation).Should().BeEquivalentTo(Enumerable.Range(0, 6));
    }
}
