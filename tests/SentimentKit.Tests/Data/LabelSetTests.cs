using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class LabelSetTests
{
    [Theory]
    [InlineData(new[] { "pos", "neg", "pos" }, new[] { "neg", "pos" })]
    [InlineData(new[] { "positive", "negative" }, new[] { "negative", "positive" })]
    [InlineData(new[] { "Positive", "Negative" }, new[] { "Negative", "Positive" })]
    [InlineData(new[] { "1", "0" }, new[] { "0", "1" })]
    [InlineData(new[] { "10", "2", "1", "-1" }, new[] { "-1", "1", "2", "10" })]
    [InlineData(new[] { "b", "a", "C" }, new[] { "C", "a", "b" })]
    [InlineData(new[] { "pos", "neg", "neutral" }, new[] { "neg", "neutral", "pos" })]
    [InlineData(new[] { "neg", "positive" }, new[] { "neg", "positive" })]
    [InlineData(new[] { "x", "2", "1" }, new[] { "1", "2", "x" })]
    public void FromLabels_AnyLabels_FollowsDocumentedOrder(string[] labels, string[] expected)
    {
        LabelSet.FromLabels(labels).Names.Should().Equal(expected);
    }

    [Fact]
    public void FromLabels_ShuffledInput_GivesSameOrder()
    {
        var labels = new[] { "c", "a", "b", "3", "1" };
        LabelSet.FromLabels(labels).Names.Should().Equal(LabelSet.FromLabels(labels.Reverse()).Names);
    }

    [Fact]
    public void JsonRoundTrip_KeepsOrder()
    {
        var set = new LabelSet(["pos", "neg", "mixed"]);
        var json = set.ToJson();
        json.Should().Be("""{"labels":["pos","neg","mixed"]}""");
        LabelSet.FromJson(json).Names.Should().Equal("pos", "neg", "mixed");
    }

    [Theory]
    [InlineData("""{"labels":["a","a"]}""")]
    [InlineData("""{"labels":[]}""")]
    [InlineData("""{"names":["a"]}""")]
    [InlineData("""not json""")]
    public void FromJson_Invalid_ThrowsDataFormatExceptionNamingSource(string json)
    {
        var act = () => LabelSet.FromJson(json, "labels.json");
        act.Should().Throw<DataFormatException>().Which.Message.Should().StartWith("labels.json:");
    }

    [Fact]
    public void GetIndex_UnknownLabel_ListsKnownLabels()
    {
        var set = LabelSet.FromLabels(["neg", "pos"]);
        set.GetIndex("pos").Should().Be(1);
        var act = () => set.GetIndex("meh");
        act.Should().Throw<ArgumentException>().WithMessage("*neg, pos*");
        set.TryGetIndex("meh", out var index).Should().BeFalse();
        index.Should().Be(-1);
    }

    [Fact]
    public void Constructor_DuplicateAndEmptyNames_ReportsBoth()
    {
        var act = () => new LabelSet(["a", "a", " "]);
        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("twice").And.Contain("empty");
    }
}
