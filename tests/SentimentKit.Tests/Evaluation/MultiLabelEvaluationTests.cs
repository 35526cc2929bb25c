using System.Text.Json;
using SentimentKit.Evaluation;

namespace SentimentKit.Tests.Evaluation;

public class MultiLabelEvaluationTests
{
    private static readonly string[] Abc = ["a", "b", "c"];

    // Predictions as probabilities 0.9 (predicted) and 0.1 (not), with thresholds 0.5.
    private static MultiLabelEvaluation FromDecisions(int[][] truth, int[][] predicted, string[]? labels = null) =>
        MultiLabelEvaluation.Compute(
            labels ?? Abc,
            [.. truth.Select(row => row.Select(v => v == 1).ToArray())],
            [.. predicted.Select(row => row.Select(v => v == 1 ? 0.9f : 0.1f).ToArray())],
            [.. Enumerable.Repeat(0.5f, truth[0].Length)]);

    [Fact]
    public void Compute_ScikitLearnF1Example_MatchesItsFigures()
    {
        // scikit-learn's f1_score documentation: average=None gives [1, 2/3, 2/3], micro 0.75, macro 7/9, weighted 11/15.
        var metrics = FromDecisions([[0, 0, 0], [1, 1, 1], [0, 1, 1]], [[0, 0, 0], [1, 0, 1], [0, 1, 0]]);

        metrics.PerLabel.Select(m => m.F1).Should().Equal([1, 2 / 3.0, 2 / 3.0], (x, y) => Math.Abs(x - y) < 1e-12);
        metrics.PerLabel.Select(m => m.Precision).Should().Equal(1, 1, 1);
        metrics.PerLabel.Select(m => m.Recall).Should().Equal(1, 0.5, 0.5);
        metrics.PerLabel.Select(m => m.Support).Should().Equal(1, 2, 2);
        metrics.MicroF1.Should().Be(0.75);
        metrics.MicroPrecision.Should().Be(1);
        metrics.MicroRecall.Should().Be(0.6);
        metrics.MacroF1.Should().BeApproximately(7 / 9.0, 1e-12);
        metrics.WeightedF1.Should().BeApproximately(11 / 15.0, 1e-12);
        metrics.HammingLoss.Should().BeApproximately(2 / 9.0, 1e-12);
        metrics.SubsetAccuracy.Should().BeApproximately(1 / 3.0, 1e-12);
        metrics.Count.Should().Be(3);
    }

    [Fact]
    public void Compute_ScikitLearnHammingAndSubsetExamples_MatchThem()
    {
        // hamming_loss([[0, 1], [1, 1]], zeros) = 0.75; accuracy_score([[0, 1], [1, 1]], ones) = 0.5.
        FromDecisions([[0, 1], [1, 1]], [[0, 0], [0, 0]], ["x", "y"]).HammingLoss.Should().Be(0.75);
        FromDecisions([[0, 1], [1, 1]], [[1, 1], [1, 1]], ["x", "y"]).SubsetAccuracy.Should().Be(0.5);
    }

    [Fact]
    public void Compute_LabelRankingAveragePrecision_MatchesScikitLearnWithTiesAndEmptyRows()
    {
        // label_ranking_average_precision_score([[1,0,0],[0,0,1]], [[0.75,0.5,1],[1,0.2,0.1]]) = 5/12; a row with no
        // true label counts 1; tied scores rank together ("max"): [1,0,1] scored [0.5,0.5,0.2] gives (1/2 + 2/3) / 2.
        bool[][] truth = [[true, false, false], [false, false, true], [false, false, false], [true, false, true]];
        float[][] scores = [[0.75f, 0.5f, 1], [1, 0.2f, 0.1f], [0.3f, 0.2f, 0.1f], [0.5f, 0.5f, 0.2f]];

        var first = MultiLabelEvaluation.Compute(Abc, truth[..2], scores[..2], [0.5f, 0.5f, 0.5f]);
        var all = MultiLabelEvaluation.Compute(Abc, truth, scores, [0.5f, 0.5f, 0.5f]);

        first.LabelRankingAveragePrecision.Should().BeApproximately(5 / 12.0, 1e-12);
        all.LabelRankingAveragePrecision.Should().BeApproximately((0.5 + (1 / 3.0) + 1 + (7 / 12.0)) / 4, 1e-12);
    }

    [Fact]
    public void Compute_RocAuc_IsPerLabelAndNullWithOneClass()
    {
        // roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75.
        bool[][] truth = [[false, true], [false, true], [true, true], [true, true]];
        float[][] scores = [[0.1f, 0.2f], [0.4f, 0.9f], [0.35f, 0.6f], [0.8f, 0.7f]];

        var metrics = MultiLabelEvaluation.Compute(["x", "y"], truth, scores, [0.5f, 0.5f]);

        metrics.PerLabel[0].RocAuc.Should().Be(0.75);
        metrics.PerLabel[1].RocAuc.Should().BeNull();
    }

    [Fact]
    public void Compute_LabelNeitherTrueNorPredicted_HasF1ZeroAndLowersMacro()
    {
        var metrics = FromDecisions([[1, 0], [0, 0]], [[1, 0], [0, 0]], ["x", "never"]);

        metrics.PerLabel[1].Should().Be(new LabelMetrics("never", 0, 0, 0, 0, null, 0.5f));
        metrics.MacroF1.Should().Be(0.5);
        metrics.MicroF1.Should().Be(1);
        metrics.WeightedF1.Should().Be(1);
        metrics.SubsetAccuracy.Should().Be(1);
    }

    [Fact]
    public void Compute_PerLabelThresholds_DecideAtOrAbove()
    {
        var metrics = MultiLabelEvaluation.Compute(["x", "y"], [[true, true]], [[0.3f, 0.3f]], [0.3f, 0.31f]);

        metrics.PerLabel.Select(m => m.Recall).Should().Equal(1, 0);
        metrics.PerLabel.Select(m => m.Threshold).Should().Equal(0.3f, 0.31f);
    }

    [Fact]
    public void ToJson_Metrics_CamelCaseNamesAndNullAuc()
    {
        var metrics = MultiLabelEvaluation.Compute(["x", "y"], [[true, false], [false, false]], [[0.9f, 0.1f], [0.2f, 0.4f]], [0.3f, 0.5f]);

        var json = metrics.ToJson().ToJsonString();

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal(
            "count", "labels", "microPrecision", "microRecall", "microF1", "macroF1", "weightedF1", "hammingLoss", "subsetAccuracy",
            "labelRankingAveragePrecision", "perLabel");
        root.GetProperty("microF1").GetDouble().Should().Be(1);
        root.GetProperty("perLabel")[0].EnumerateObject().Select(p => p.Name).Should().Equal("label", "precision", "recall", "f1", "support", "rocAuc", "threshold");
        root.GetProperty("perLabel")[1].GetProperty("rocAuc").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("perLabel")[0].GetProperty("rocAuc").GetDouble().Should().Be(1);
        json.Should().Contain("\"threshold\":0.3}");
    }

    [Fact]
    public void Compute_BadInput_ThrowsArgumentException()
    {
        bool[][] truth = [[true, false]];
        float[][] scores = [[0.5f, 0.5f]];

        ((Action)(() => MultiLabelEvaluation.Compute(["x", "y"], truth, scores, [0.5f]))).Should().Throw<ArgumentException>().WithMessage("Expected 2 thresholds*");
        ((Action)(() => MultiLabelEvaluation.Compute(["x", "x"], truth, scores, [0.5f, 0.5f]))).Should().Throw<ArgumentException>().WithMessage("Label 1 ('x') is blank or repeated*");
        ((Action)(() => MultiLabelEvaluation.Compute(["x", "y"], truth, [[0.5f, float.NaN]], [0.5f, 0.5f]))).Should().Throw<ArgumentException>().WithMessage("Probability row 0 holds*");
        ((Action)(() => MultiLabelEvaluation.Compute(["x", "y"], truth, [[0.5f]], [0.5f, 0.5f]))).Should().Throw<ArgumentException>().WithMessage("Probability row 0 has 1 values*");
        ((Action)(() => MultiLabelEvaluation.Compute(["x", "y"], [], [], [0.5f, 0.5f]))).Should().Throw<ArgumentException>().WithMessage("There must be at least one example*");
        ((Action)(() => MultiLabelEvaluation.Compute(["x", "y"], truth, scores, [0.5f, float.PositiveInfinity]))).Should().Throw<ArgumentException>();
    }
}
