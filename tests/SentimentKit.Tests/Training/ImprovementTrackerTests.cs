using SentimentKit.Training;

namespace SentimentKit.Tests.Training;

public class ImprovementTrackerTests
{
    [Fact]
    public void Observe_HigherIsBetter_CountsValuesSinceTheBest()
    {
        var tracker = new ImprovementTracker(higherIsBetter: true);

        tracker.Observe(0.5).Should().BeTrue();
        tracker.Observe(0.7).Should().BeTrue();
        tracker.Observe(0.7).Should().BeFalse("an equal value is not an improvement");
        tracker.Observe(0.6).Should().BeFalse();

        tracker.Best.Should().Be(0.7);
        tracker.SinceImprovement.Should().Be(2);
    }

    [Fact]
    public void Observe_LowerIsBetter_ImprovesOnSmallerValues()
    {
        var tracker = new ImprovementTracker(higherIsBetter: false);

        tracker.Observe(0.9).Should().BeTrue();
        tracker.Observe(1.2).Should().BeFalse();
        tracker.Observe(0.4).Should().BeTrue();

        tracker.Best.Should().Be(0.4);
        tracker.SinceImprovement.Should().Be(0);
    }

    [Fact]
    public void ResetCountAndRestore_KeepTheBestAndSetTheCount()
    {
        var tracker = new ImprovementTracker(higherIsBetter: true);
        tracker.Observe(1);
        tracker.Observe(0);
        tracker.ResetCount();
        tracker.SinceImprovement.Should().Be(0);
        tracker.Best.Should().Be(1);

        tracker.Restore(best: 3, sinceImprovement: 4);
        tracker.Observe(2).Should().BeFalse();
        tracker.SinceImprovement.Should().Be(5);
    }
}
