using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class DatasetStatisticsTests
{
    [Fact]
    public void Compute_Examples_CountsLabelsAndPercentiles()
    {
        var examples = Enumerable.Range(1, 100)
            .Select(n => new TextExample(string.Join(' ', Enumerable.Repeat("w", n)), n % 2 == 0 ? "pos" : "neg"))
            .ToArray();

        var stats = DatasetStatistics.Compute(examples);

        stats.Count.Should().Be(100);
        stats.CountPerLabel["pos"].Should().Be(50);
        stats.Labels!.Names.Should().Equal("neg", "pos");
        stats.TokenLengthP50.Should().Be(50);
        stats.TokenLengthP90.Should().Be(90);
        stats.TokenLengthP95.Should().Be(95);
        stats.TokenLengthP99.Should().Be(99);
        stats.TokenLengthMax.Should().Be(100);
        stats.TokenLengthMean.Should().Be(50.5);
    }

    [Fact]
    public void Compute_NormalizesBeforeCounting()
    {
        var stats = DatasetStatistics.Compute([new TextExample("Good<br /><br />film!!!", "pos")]);
        stats.TokenLengthMax.Should().Be(3);
    }

    [Fact]
    public void Compute_NoExamples_GivesZeros()
    {
        var stats = DatasetStatistics.Compute([]);
        stats.Count.Should().Be(0);
        stats.Labels.Should().BeNull();
        stats.TokenLengthP99.Should().Be(0);
    }

    [Fact]
    public void Compute_SingleLabel_HasNoMultiLabelStatistics()
    {
        DatasetStatistics.Compute([new TextExample("a b", "pos")]).MultiLabel.Should().BeNull();
    }

    [Fact]
    public void Compute_MultiLabel_CountsEachLabelAndFillsMultiLabel()
    {
        var stats = DatasetStatistics.Compute([TextExample.WithLabels("a b", ["x", "y"]), TextExample.WithLabels("c", []), TextExample.WithLabels("d", ["y"])]);

        stats.Labels!.Names.Should().Equal("x", "y");
        stats.CountPerLabel.Should().Equal(new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 });
        stats.MultiLabel!.EmptyCount.Should().Be(1);
        stats.MultiLabel.Cardinality.Should().Be(1);
        stats.TokenLengthMax.Should().Be(2);
    }

    [Fact]
    public void Compute_MultiLabelAllEmpty_HasNoLabelSet()
    {
        var stats = DatasetStatistics.Compute([TextExample.WithLabels("a", [])]);

        stats.Labels.Should().BeNull();
        stats.MultiLabel!.EmptyCount.Should().Be(1);
    }
}
