using SentimentKit.Training;

namespace SentimentKit.Tests.Training;

public class LearningRateSchedulerTests
{
    private static LearningRateScheduler Make(LearningRateScheduleKind kind, double warmup = 0.1, int patience = 1) =>
        new(new TrainerOptions { Schedule = kind, LearningRate = 1.0, WarmupFraction = warmup, PlateauFactor = 0.5, PlateauPatience = patience }, totalSteps: 100, higherIsBetter: true);

    [Fact]
    public void At_Constant_IsTheLearningRate()
    {
        var s = Make(LearningRateScheduleKind.Constant);

        new[] { 0L, 50, 99 }.Select(s.At).Should().Equal(1.0, 1.0, 1.0);
    }

    [Fact]
    public void At_WarmupLinear_RisesThenFallsToZero()
    {
        var s = Make(LearningRateScheduleKind.WarmupLinear);

        s.At(0).Should().BeApproximately(0.1, 1e-12);
        s.At(9).Should().BeApproximately(1.0, 1e-12);
        s.At(10).Should().BeApproximately(1.0, 1e-12);
        s.At(55).Should().BeApproximately(0.5, 1e-12);
        s.At(100).Should().Be(0);
    }

    [Fact]
    public void At_WarmupCosine_IsHalfWayAtMiddleOfDecay()
    {
        var s = Make(LearningRateScheduleKind.WarmupCosine);

        s.At(10).Should().BeApproximately(1.0, 1e-12);
        s.At(55).Should().BeApproximately(0.5, 1e-12);
        s.At(100).Should().BeApproximately(0, 1e-12);
    }

    [Fact]
    public void At_OneCycle_PeaksAtEndOfWarmup()
    {
        var s = Make(LearningRateScheduleKind.OneCycle, warmup: 0.3);

        s.At(0).Should().BeApproximately(1.0 / 25, 1e-12);
        s.At(30).Should().BeApproximately(1.0, 1e-12);
        s.At(100).Should().BeApproximately(1.0 / 25 / 1e4, 1e-12);
        Enumerable.Range(0, 101).Max(t => s.At(t)).Should().BeApproximately(1.0, 1e-12);
    }

    [Fact]
    public void OnValidation_Plateau_ReducesAfterPatience()
    {
        var s = Make(LearningRateScheduleKind.ReduceOnPlateau, patience: 1);

        s.OnValidation(0.8).Should().BeFalse();
        s.OnValidation(0.7).Should().BeFalse();
        s.At(0).Should().Be(1.0);
        s.OnValidation(0.75).Should().BeTrue();
        s.At(0).Should().Be(0.5);
        s.OnValidation(0.9).Should().BeFalse();
        s.At(0).Should().Be(0.5);
    }
}
