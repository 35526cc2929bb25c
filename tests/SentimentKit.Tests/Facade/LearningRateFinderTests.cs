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

        var result = LearningRateRangeTest.Read(curve, diverged: true, fallback: 1e-7, minimumDescent: 0.02);

        result.Minimum.Should().Be(1);
        result.Suggested!.Value.Should().BeApproximately(0.1, 1e-12);
        result.Steepest.Should().Be(1e-3, "the loss falls most between 1e-4 and 1e-3");
        result.Diverged.Should().BeTrue();
        result.FoundDescent.Should().BeTrue();
    }

    [Fact]
    public void Read_FlatCurveThatThenDiverges_SuggestsNoRate()
    {
        // A recurrent network from scratch over 100 steps from 1e-7 to 10 (measured on IMDB's first sentences): the loss
        // wanders around ln 2 and then rises; its lowest point is noise at 1e-7, a tenth of which would train nothing.
        double[] losses = [0.6932, 0.6940, 0.6951, 0.6929, 0.6935, 0.6928, 0.6944, 0.6930, 0.6939, 0.6925, 0.6950, 0.7010, 0.7300, 0.9000, 2.9];
        var curve = losses.Select((loss, i) => new LearningRatePoint(i + 1, 1e-7 * Math.Pow(10, i * 0.6), loss, loss)).ToArray();

        var result = LearningRateRangeTest.Read(curve, diverged: true, fallback: 1e-7, minimumDescent: 0.02);

        result.FoundDescent.Should().BeFalse();
        result.Suggested.Should().BeNull();
        result.Minimum.Should().BeApproximately(curve[9].LearningRate, 1e-15, "the rates are still read off the curve, for the chart");
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.015, true)]
    [InlineData(0.03, false)]
    public void Read_ShallowDescent_SuggestsARateOnlyWhenTheFallReachesTheMinimum(double minimumDescent, bool suggested)
    {
        // The smoothed loss falls 2.2% below the first steps' mean (the BiLSTM on first sentences over 400 steps did so).
        double[] losses = [0.694, 0.694, 0.693, 0.692, 0.690, 0.686, 0.682, 0.679, 0.687, 0.75];
        var curve = losses.Select((loss, i) => new LearningRatePoint(i + 1, Math.Pow(10, i - 5), loss, loss)).ToArray();

        var result = LearningRateRangeTest.Read(curve, diverged: false, fallback: 1e-7, minimumDescent: minimumDescent);

        result.FoundDescent.Should().Be(suggested);
        result.Suggested.Should().Be(suggested ? curve[7].LearningRate / 10 : null);
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
        result.FoundDescent.Should().BeTrue("a linear model learns these cue words within a few dozen steps");
        result.Suggested!.Value.Should().BeApproximately(result.Minimum / 10, 1e-12);
        result.Minimum.Should().BeInRange(1e-4, 1e3);
    }

    [Fact]
    public void Train_WithLearningRateFinder_TrainsAtTheSuggestedRateAndReportsTheTest()
    {
        var options = TinyReviews.Options(ModelKind.NGrams);
        options.Trainer.Schedule = LearningRateScheduleKind.Constant;
        options.LearningRateFinder = new LearningRateFinderOptions { MinLearningRate = 1e-5, MaxLearningRate = 1e3, Steps = 60 };

        using var model = new SentimentTrainer(options).Train(TinyReviews.Make(200, seed: 2));

        var test = model.Report!.LearningRateRangeTest;
        test.Should().NotBeNull();
        test!.FoundDescent.Should().BeTrue();
        test.Suggested!.Value.Should().NotBe(options.Trainer.LearningRate);
        model.Report.History.Epochs.Should().NotBeEmpty().And.OnlyContain(e => e.LearningRate == test.Suggested.Value);
        model.ValidationMetrics!.Accuracy.Should().BeGreaterThan(0.8, "the range test's weights were put back and the model trained from them");
    }

    [Fact]
    public void Train_LearningRateFinderWithoutDescent_KeepsTheRecipesRate()
    {
        // Ten steps at rates around 1e-7 move nothing: the test suggests no rate and training keeps its own.
        var options = TinyReviews.Options(ModelKind.NGrams);
        options.Trainer.Schedule = LearningRateScheduleKind.Constant;
        options.LearningRateFinder = new LearningRateFinderOptions { MinLearningRate = 1e-8, MaxLearningRate = 1e-7, Steps = 10 };

        using var model = new SentimentTrainer(options).Train(TinyReviews.Make(200, seed: 2));

        model.Report!.LearningRateRangeTest!.Suggested.Should().BeNull();
        model.Report.History.Epochs.Should().OnlyContain(e => e.LearningRate == options.Trainer.LearningRate);
    }

    [Fact]
    public void Train_InvalidLearningRateFinder_ThrowsInvalidOptionsNamingIt()
    {
        var options = TinyReviews.Options(ModelKind.NGrams);
        options.LearningRateFinder = new LearningRateFinderOptions { Steps = 2 };

        var act = () => new SentimentTrainer(options).Train(TinyReviews.Make(40, seed: 2));

        act.Should().Throw<InvalidOptionsException>().WithMessage("*LearningRateFinder*Steps*");
    }

    [Fact]
    public void FindLearningRate_BadOptionsOrCancelled_Throw()
    {
        var trainer = new SentimentTrainer(TinyReviews.Options(ModelKind.NGrams));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var bad = () => trainer.FindLearningRate(TinyReviews.Make(40, seed: 2), new LearningRateFinderOptions { MinLearningRate = 1, MaxLearningRate = 0.5, Steps = 1 });
        var cancelled = () => trainer.FindLearningRate(TinyReviews.Make(40, seed: 2), cancellationToken: cancellation.Token);

        var descent = () => trainer.FindLearningRate(TinyReviews.Make(40, seed: 2), new LearningRateFinderOptions { MinimumDescent = 1 });

        bad.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(2);
        descent.Should().Throw<InvalidOptionsException>().WithMessage("*MinimumDescent*");
        cancelled.Should().Throw<OperationCanceledException>();
    }

    private sealed class Collect(List<LearningRatePoint> points) : IProgress<LearningRatePoint>
    {
        public void Report(LearningRatePoint value) => points.Add(value);
    }
}
