using SentimentKit.Evaluation;
using SentimentKit.Training;

namespace SentimentKit.Tests.Evaluation;

public class MetricsAccumulatorTests
{
    private static readonly string[] Binary = ["neg", "pos"];
    private static readonly string[] Three = ["a", "b", "c"];

    // Four hand-checked examples: two right, two wrong (see each figure's arithmetic below).
    private static MetricsAccumulator HandExample()
    {
        var metrics = new MetricsAccumulator(Binary);
        metrics.Add([0.2f, 0.8f, 0.6f, 0.4f], [1, 0]);
        metrics.Add([0.7f, 0.3f, 0.1f, 0.9f], [1, 0]);
        return metrics;
    }

    [Fact]
    public void Compute_HandExample_MatchesHandComputedFigures()
    {
        var m = HandExample().Compute();

        m.Count.Should().Be(4);
        m.Accuracy.Should().Be(0.5);
        m.ConfusionMatrix.Should().BeEquivalentTo(new[] { new[] { 1, 1 }, new[] { 1, 1 } }, o => o.WithStrictOrdering());
        m.PerClass.Select(c => (c.Label, c.Precision, c.Recall, c.F1, c.Support))
            .Should().Equal(("neg", 0.5, 0.5, 0.5, 2), ("pos", 0.5, 0.5, 0.5, 2));
        m.MacroF1.Should().Be(0.5);
        m.WeightedF1.Should().Be(0.5);
        m.MicroF1.Should().Be(0.5);
        // Positive scores 0.8, 0.3 against negative 0.4, 0.9: one of four pairs ranked right.
        m.RocAuc.Should().BeApproximately(0.25, 1e-12);
        // -(ln 0.8 + ln 0.6 + ln 0.3 + ln 0.1) / 4
        m.LogLoss.Should().BeApproximately(-(Math.Log(0.8) + Math.Log(0.6) + Math.Log(0.3) + Math.Log(0.1)) / 4, 1e-6);
        // (0.08 + 0.32 + 0.98 + 1.62) / 4
        m.BrierScore.Should().BeApproximately(0.75, 1e-6);
        // Each confidence alone in its bin: (|1-0.8| + |1-0.6| + |0-0.7| + |0-0.9|) / 4
        m.ExpectedCalibrationError.Should().BeApproximately(0.55, 1e-6);
        m.CalibrationBins.Should().HaveCount(15);
        m.CalibrationBins.Sum(b => b.Count).Should().Be(4);
    }

    [Fact]
    public void Compute_ClassNeverPredicted_HasZeroPrecisionNotNaN()
    {
        var metrics = new MetricsAccumulator(Three);
        metrics.Add([0.9f, 0.05f, 0.05f, 0.8f, 0.1f, 0.1f, 0.7f, 0.2f, 0.1f], [0, 1, 2]);

        var m = metrics.Compute();

        m.PerClass[1].Precision.Should().Be(0);
        m.PerClass[1].F1.Should().Be(0);
        m.PerClass[0].Precision.Should().BeApproximately(1.0 / 3, 1e-12);
        m.PerClass[0].F1.Should().BeApproximately(0.5, 1e-12);
        m.MacroF1.Should().BeApproximately(0.5 / 3, 1e-12);
        AllFinite(m).Should().BeTrue();
    }

    [Fact]
    public void Compute_ClassAbsentFromLabels_HasZeroRecallAndSupport()
    {
        var metrics = new MetricsAccumulator(Three);
        metrics.Add([0.6f, 0.3f, 0.1f, 0.2f, 0.7f, 0.1f], [0, 1]);

        var m = metrics.Compute();

        m.PerClass[2].Should().Be(new ClassMetrics("c", 0, 0, 0, 0));
        m.Accuracy.Should().Be(1);
        // Class c has no positives: macro AUC averages the two classes that have both sides.
        m.RocAuc.Should().Be(1);
        AllFinite(m).Should().BeTrue();
    }

    [Fact]
    public void Compute_SingleExample_GivesDefinedNumbers()
    {
        var metrics = new MetricsAccumulator(Binary);
        metrics.Add([0.3f, 0.7f], [1]);

        var m = metrics.Compute();

        m.Accuracy.Should().Be(1);
        m.RocAuc.Should().Be(0.5);
        m.PerClass[0].Should().Be(new ClassMetrics("neg", 0, 0, 0, 0));
        AllFinite(m).Should().BeTrue();
    }

    [Fact]
    public void Compute_NoExamples_GivesZerosNotNaN()
    {
        var m = new MetricsAccumulator(Binary).Compute();

        m.Count.Should().Be(0);
        AllFinite(m).Should().BeTrue();
    }

    [Fact]
    public void Compute_MultiClass_RocAucIsMeanOfOneVsRestPairCounts()
    {
        var random = new Random(3);
        var metrics = new MetricsAccumulator(Three);
        var probabilities = new float[300 * 3];
        var labels = new int[300];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = random.Next(3);
            var raw = new[] { random.NextSingle(), random.NextSingle(), random.NextSingle() };
            raw[labels[i]] += 0.5f;
            var sum = raw.Sum();
            for (var c = 0; c < 3; c++)
            {
                // Rounded so that ties occur and must count one half.
                probabilities[(i * 3) + c] = MathF.Round(raw[c] / sum, 1);
            }
        }

        metrics.Add(probabilities, labels);

        var expected = Enumerable.Range(0, 3).Average(c => PairCountAuc(probabilities, labels, c));
        metrics.Compute().RocAuc.Should().BeApproximately(expected, 1e-9);
    }

    [Fact]
    public void RocCurve_HandExample_RunsFromOriginToOneOne()
    {
        var curve = HandExample().RocCurve(1);

        curve.Select(p => (p.FalsePositiveRate, p.TruePositiveRate))
            .Should().Equal((0, 0), (0.5, 0), (0.5, 0.5), (1, 0.5), (1, 1));
    }

    [Fact]
    public void Add_LabelOutsideLabelSet_ThrowsNamingLabel()
    {
        var metrics = new MetricsAccumulator(Binary);

        var act = () => metrics.Add([0.5f, 0.5f], [2]);

        act.Should().Throw<ArgumentException>().WithMessage("Label 2 is outside the label set (0 to 1).*");
    }

    [Fact]
    public void Add_SizeMismatch_Throws()
    {
        var metrics = new MetricsAccumulator(Binary);

        var act = () => metrics.Add([0.5f, 0.5f, 0.5f], [0, 1]);

        act.Should().Throw<ArgumentException>().WithMessage("Expected 2 x 2 probabilities, got 3.*");
    }

    [Fact]
    public void Constructor_OneClass_Throws()
    {
        var act = () => new MetricsAccumulator(["only"]);

        act.Should().Throw<ArgumentException>().WithMessage("*at least two classes*");
    }

    [Fact]
    public void Reset_ForgetsExamples()
    {
        var metrics = HandExample();

        metrics.Reset();

        metrics.Count.Should().Be(0);
        metrics.Compute().Count.Should().Be(0);
    }

    private static double PairCountAuc(float[] probabilities, int[] labels, int positiveClass)
    {
        double wins = 0;
        long pairs = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] != positiveClass)
            {
                continue;
            }

            for (var j = 0; j < labels.Length; j++)
            {
                if (labels[j] == positiveClass)
                {
                    continue;
                }

                var p = probabilities[(i * 3) + positiveClass];
                var n = probabilities[(j * 3) + positiveClass];
                wins += p > n ? 1 : p == n ? 0.5 : 0;
                pairs++;
            }
        }

        return wins / pairs;
    }

    private static bool AllFinite(ClassificationMetrics m) =>
        new[] { m.Accuracy, m.MacroF1, m.MicroF1, m.WeightedF1, m.RocAuc, m.LogLoss, m.BrierScore, m.ExpectedCalibrationError }
            .Concat(m.PerClass.SelectMany(c => new[] { c.Precision, c.Recall, c.F1 }))
            .Concat(m.CalibrationBins.SelectMany(b => new[] { b.Accuracy, b.Confidence }))
            .All(double.IsFinite);
}
