using SentimentKit.Training;

namespace SentimentKit.Tests.Training;

public class LearningRateSchedulerPlateauTests
{
    [Fact]
    public void OnValidation_ReduceOnPlateau_ReducesAfterPatienceAndStartsCountingAgain()
    {
        var options = new TrainerOptions { Schedule = LearningRateScheduleKind.ReduceOnPlateau, LearningRate = 1, PlateauFactor = 0.5, PlateauPatience = 1 };
        var scheduler = new LearningRateScheduler(options, totalSteps: 100, higherIsBetter: true);

        scheduler.OnValidation(0.8).Should().BeFalse();
        scheduler.OnValidation(0.7).Should().BeFalse("one validation without improvement is within patience");
        scheduler.OnValidation(0.7).Should().BeTrue();
        scheduler.At(0).Should().Be(0.5);
        scheduler.OnValidation(0.75).Should().BeFalse("the count starts again after a reduction");
        scheduler.OnValidation(0.75).Should().BeTrue();
        scheduler.At(0).Should().Be(0.25);
        scheduler.State.Best.Should().Be(0.8);
    }
}
