using SentimentKit.Evaluation;

namespace SentimentKit.Tests.Evaluation;

public class SigmoidCalibrationTests
{
    // Truth drawn from σ(trueScale·z + trueBias); the model reports z.
    private static (float[] Logits, bool[] Truth) Sample(int count, double trueScale, double trueBias, int seed)
    {
        var random = new Random(seed);
        var logits = new float[count];
        var truth = new bool[count];
        for (var i = 0; i < count; i++)
        {
            logits[i] = (float)((random.NextDouble() * 8) - 4);
            truth[i] = random.NextDouble() < 1 / (1 + Math.Exp(-((trueScale * logits[i]) + trueBias)));
        }

        return (logits, truth);
    }

    private static double LogLoss(float[] logits, bool[] truth, float scale, float bias) =>
        -logits.Select((z, i) => Math.Log(Math.Clamp(truth[i] ? SigmoidCalibration.Apply(z, scale, bias) : 1 - SigmoidCalibration.Apply(z, scale, bias), 1e-15, 1))).Average();

    [Fact]
    public void Fit_OverconfidentShiftedLogits_RecoversScaleAndBias()
    {
        var (logits, truth) = Sample(5000, trueScale: 0.5, trueBias: -1, seed: 3);

        var (scale, bias) = SigmoidCalibration.Fit(logits, truth);

        scale.Should().BeApproximately(0.5f, 0.06f);
        bias.Should().BeApproximately(-1f, 0.12f);
        LogLoss(logits, truth, scale, bias).Should().BeLessThan(LogLoss(logits, truth, 1, 0) - 0.05);
    }

    [Fact]
    public void Fit_SameInput_SameResult()
    {
        var (logits, truth) = Sample(300, 2, 0.5, seed: 4);

        SigmoidCalibration.Fit(logits, truth).Should().Be(SigmoidCalibration.Fit(logits, truth));
    }

    [Fact]
    public void Fit_PerfectlySeparated_StaysFiniteThanksToSmoothedTargets()
    {
        var (scale, bias) = SigmoidCalibration.Fit([-2, -1, 1, 2], [false, false, true, true]);

        float.IsFinite(scale).Should().BeTrue();
        float.IsFinite(bias).Should().BeTrue();
        SigmoidCalibration.Apply(2, scale, bias).Should().BeInRange(0.6f, 0.85f, "the positive target is (2 + 1) / (2 + 2)");
        SigmoidCalibration.Apply(-2, scale, bias).Should().BeInRange(0.15f, 0.4f);
    }

    [Fact]
    public void Fit_OneClassOnly_GivesTheSmoothedRate()
    {
        var (scale, bias) = SigmoidCalibration.Fit([-3, -1, 0, 2, 5, 1, 1, 4], [.. Enumerable.Repeat(true, 8)]);

        scale.Should().BeApproximately(0, 1e-3f);
        SigmoidCalibration.Apply(10, scale, bias).Should().BeApproximately(0.9f, 1e-3f, "(8 + 1) / (8 + 2)");
    }

    [Fact]
    public void Apply_HugeLogits_SaturatesWithoutNaN()
    {
        SigmoidCalibration.Apply(1e30f, 1, 0).Should().Be(1);
        SigmoidCalibration.Apply(-1e30f, 1, 0).Should().Be(0);
        SigmoidCalibration.Apply(0, 1, 0).Should().Be(0.5f);
    }

    [Fact]
    public void Fit_BadInput_ThrowsArgumentException()
    {
        ((Action)(() => SigmoidCalibration.Fit([], []))).Should().Throw<ArgumentException>();
        ((Action)(() => SigmoidCalibration.Fit([1, 2], [true]))).Should().Throw<ArgumentException>();
        ((Action)(() => SigmoidCalibration.Fit([1, float.NaN], [true, false]))).Should().Throw<ArgumentException>().WithMessage("Logit 1 is not a finite number*");
    }
}
