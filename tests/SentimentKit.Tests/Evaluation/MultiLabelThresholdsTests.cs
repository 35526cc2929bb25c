using SentimentKit.Evaluation;

namespace SentimentKit.Tests.Evaluation;

public class MultiLabelThresholdsTests
{
    private static float[] TuneOne(bool[] truth, float[] probabilities, float fallback = 0.5f) =>
        MultiLabelThresholds.Tune([.. truth.Select(t => new[] { t })], [.. probabilities.Select(p => new[] { p })], fallback);

    /// <summary>A common label scored around 0.8 / 0.2 and a rare one (5%) whose probabilities rank well but stay under 0.4.</summary>
    private static (bool[][] Truth, float[][] Probabilities) RareLabelCorpus(int count, int seed)
    {
        var random = new Random(seed);
        var truth = new bool[count][];
        var probabilities = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var common = random.NextDouble() < 0.5;
            var rare = random.NextDouble() < 0.05;
            truth[i] = [common, rare];
            probabilities[i] =
            [
                (float)(common ? 0.6 + (0.35 * random.NextDouble()) : 0.05 + (0.35 * random.NextDouble())),
                (float)(rare ? 0.15 + (0.25 * random.NextDouble()) : 0.2 * random.NextDouble()),
            ];
        }

        return (truth, probabilities);
    }

    [Fact]
    public void Tune_RareLabelRankedWellButLow_BeatsHalfOnHeldOutF1()
    {
        var (validTruth, validProbabilities) = RareLabelCorpus(400, seed: 1);
        var (testTruth, testProbabilities) = RareLabelCorpus(2000, seed: 2);

        var tuned = MultiLabelThresholds.Tune(validTruth, validProbabilities);
        var atTuned = MultiLabelEvaluation.Compute(["common", "rare"], testTruth, testProbabilities, tuned);
        var atHalf = MultiLabelEvaluation.Compute(["common", "rare"], testTruth, testProbabilities, [0.5f, 0.5f]);

        tuned[1].Should().BeInRange(0.12f, 0.22f);
        atHalf.PerLabel[1].F1.Should().Be(0, "no rare probability reaches 0.5");
        atTuned.PerLabel[1].F1.Should().BeGreaterThan(0.7);
        atTuned.MacroF1.Should().BeGreaterThan(atHalf.MacroF1 + 0.3);
        atTuned.PerLabel[0].F1.Should().BeGreaterThanOrEqualTo(atHalf.PerLabel[0].F1 - 0.02, "the common label was separable at 0.5 already");
    }

    [Fact]
    public void Tune_CleanCut_IsTheMidpointOfTheGap()
    {
        TuneOne([true, true, false, false], [0.9f, 0.7f, 0.4f, 0.2f]).Should().ContainSingle().Which.Should().BeApproximately(0.55f, 1e-6f);
    }

    [Fact]
    public void Tune_EveryExamplePositive_IsBelowTheLowestProbability()
    {
        TuneOne([true, true], [0.4f, 0.2f]).Should().Equal(0.1f);
    }

    [Theory]
    [InlineData(new[] { 0.9f, 0.6f, 0.4f, 0.1f }, 0.75f)]
    [InlineData(new[] { 0.99f, 0.6f, 0.5f, 0.45f }, 0.225f)]
    public void Tune_EqualF1_TakesTheThresholdClosestToHalf(float[] probabilities, float expected)
    {
        // Truth [1, 0, 0, 1]: predicting the top one or all four both give F1 2/3.
        TuneOne([true, false, false, true], probabilities).Should().ContainSingle().Which.Should().BeApproximately(expected, 1e-6f);
    }

    [Fact]
    public void Tune_AdjacentFloats_ThresholdStillSeparatesThem()
    {
        var upper = MathF.BitIncrement(0.5f);

        var threshold = TuneOne([true, false], [upper, 0.5f])[0];

        threshold.Should().BeGreaterThan(0.5f).And.BeLessThanOrEqualTo(upper);
    }

    [Fact]
    public void Tune_TiedProbabilities_MoveTogether()
    {
        // 0.6 holds a positive and a negative: cutting inside the tie is impossible, so the best is above or below both.
        TuneOne([true, true, false, false], [0.8f, 0.6f, 0.6f, 0.1f]).Should().ContainSingle().Which.Should().BeApproximately(0.35f, 1e-6f);
    }

    [Fact]
    public void Tune_LabelWithoutPositives_GetsTheFallback()
    {
        MultiLabelThresholds.Tune([[true, false], [false, false]], [[0.9f, 0.7f], [0.1f, 0.2f]], fallback: 0.3f).Should().Equal(0.5f, 0.3f);
    }

    [Fact]
    public void Tune_BadInput_Throws()
    {
        ((Action)(() => MultiLabelThresholds.Tune([], []))).Should().Throw<ArgumentException>();
        ((Action)(() => MultiLabelThresholds.Tune([[true], [true, false]], [[0.1f], [0.1f, 0.2f]]))).Should().Throw<ArgumentException>().WithMessage("Truth row 1 has 2 values*");
        ((Action)(() => MultiLabelThresholds.Tune([[true]], [[0.1f]], float.NaN))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
