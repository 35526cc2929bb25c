using SentimentKit.Training;

namespace SentimentKit.Tests.Facade;

/// <summary>The learning-rate range test: the curve, the rates read from it, cancellation, and the model left untouched.</summary>
public class LearningRateFinderTests
{
    [Fact]
    public void Read_ValleyCurve_SuggestsATenthOfTheMinimumAndFindsTheSteepestFall()
    {
        double[] losses = [1.0, 0.99, 0.95, 0.7, 0.5, 0.45, 0.44, 0.6, 2.0];
        var curve = losses.Select((loss, i) => new LearningRatePoint(i + 1, Math.Pow(10, i - 6), loss, loss)).ToArray();

        var result = LearningRateRangeTest.Read(curve, diverged: true, fallback: 1e-7);

        result.Minimum.Should().Be(1);
        result.Suggested.Should().BeApproximately(0.1, 1e-12);
        result.Steepest.Should().Be(1e-3, "the loss falls most between 1e-4 and 1e-3");
        result.Diverged.Should().BeTrue();
    }

    [Fact]
    public void FindLearningRate_TinyNGrams_GrowsTheRateAndStopsWhenTheLossDiverges()
    {
        var options = TinyReviews.Options(ModelKind.NGrams);
        var steps = new List<LearningRatePoint>();

        var result = new SentimentTrainer(options).FindLearningRate(
            TinyReviews.Make(200, seed: 2), new LearningRateFinderOptions { MinLearningRate = 1e-5, MaxLearningRate = 1e3, Steps = 60 }, new Collect(steps));

        result.Curve.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(60).And.BeEquivalentTo(steps);
        result.Curve.Select(p => p.LearningRate).Should().BeInAscendingOrder();
        result.Curve[0].LearningRate.Should().BeApproximately(1e-5, 1e-12);
        result.Suggested.Should().BeApproximately(result.Minimum / 10, 1e-12);
        result.Minimum.Should().BeInRange(1e-4, 1e3);
    }

    [Fact]
    public void FindLearningRate_BadOptionsOrCancelled_Throw()
    {
        var trainer = new SentimentTrainer(TinyReviews.Options(ModelKind.NGrams));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var bad = () => trainer.FindLearningRate(TinyReviews.Make(40, seed: 2), new LearningRateFinderOptions { MinLearningRate = 1, MaxLearningRate = 0.5, Steps = 1 });
        var cancelled = () => trainer.FindLearningRate(TinyReviews.Make(40, seed: 2), cancellationToken: cancellation.Token);

        bad.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(2);
        cancelled.Should().Throw<OperationCanceledException>();
    }

    private sealed class Collect(List<LearningRatePoint> points) : IProgress<LearningRatePoint>
    {
        public void Report(LearningRatePoint value) => points.Add(value);
    }
}
