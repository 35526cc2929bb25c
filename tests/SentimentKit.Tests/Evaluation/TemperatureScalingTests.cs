using SentimentKit.Evaluation;
using SentimentKit.Training;

namespace SentimentKit.Tests.Evaluation;

public class TemperatureScalingTests
{
    // Labels drawn from softmax(base logits); the model reports base logits times sharpness.
    private static (float[] Logits, int[] Labels) Sample(int count, int classes, float sharpness, int seed)
    {
        var random = new Random(seed);
        var logits = new float[count * classes];
        var labels = new int[count];
        var probabilities = new float[classes];
        for (var i = 0; i < count; i++)
        {
            var row = logits.AsSpan(i * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                row[c] = (float)(random.NextDouble() * 4 - 2);
            }

            TemperatureScaling.Softmax(row, 1, probabilities);
            var u = random.NextDouble();
            var label = 0;
            for (double cumulative = probabilities[0]; u > cumulative && label < classes - 1; cumulative += probabilities[++label])
            {
            }

            labels[i] = label;
            for (var c = 0; c < classes; c++)
            {
                row[c] *= sharpness;
            }
        }

        return (logits, labels);
    }

    [Fact]
    public void Fit_OverConfidentModel_FindsTemperatureAndLowersEce()
    {
        var (logits, labels) = Sample(4000, 3, sharpness: 4, seed: 11);

        var scaling = TemperatureScaling.Fit(logits, labels, 3);

        scaling.Temperature.Should().BeInRange(3.3, 4.8);
        scaling.EceAfter.Should().BeLessThan(scaling.EceBefore / 3);
        scaling.NllAfter.Should().BeLessThan(scaling.NllBefore);
    }

    [Fact]
    public void Fit_CalibratedModel_KeepsTemperatureNearOne()
    {
        var (logits, labels) = Sample(4000, 2, sharpness: 1, seed: 5);

        var scaling = TemperatureScaling.Fit(logits, labels, 2);

        scaling.Temperature.Should().BeInRange(0.85, 1.15);
        scaling.NllAfter.Should().BeLessThanOrEqualTo(scaling.NllBefore + 1e-12);
    }

    [Fact]
    public void Softmax_Temperature_KeepsArgMaxAndSumsToOne()
    {
        float[] logits = [2f, -1f, 0.5f];
        var sharp = new float[3];
        var soft = new float[3];

        TemperatureScaling.Softmax(logits, 1, sharp);
        TemperatureScaling.Softmax(logits, 3, soft);

        sharp.Sum().Should().BeApproximately(1f, 1e-6f);
        soft.Sum().Should().BeApproximately(1f, 1e-6f);
        Array.IndexOf(soft, soft.Max()).Should().Be(0);
        soft[0].Should().BeLessThan(sharp[0]);
    }

    [Fact]
    public void Fit_NoExamples_Throws()
    {
        var act = () => TemperatureScaling.Fit([], [], 2);

        act.Should().Throw<ArgumentException>().WithMessage("*at least one validation example*");
    }

    [Fact]
    public void Fit_LabelOutOfRange_Throws()
    {
        var act = () => TemperatureScaling.Fit([1f, 0f], [2], 2);

        act.Should().Throw<ArgumentException>().WithMessage("Label 2 is outside 0 to 1.*");
    }

    [Fact]
    public void Fit_SeparableLogits_StopsAtTheLowestTemperature()
    {
        // Every example right with a margin: the log loss keeps falling as T goes to 0, which would show 100% everywhere.
        float[] logits = [2, -2, -1.5f, 1.5f, 3, -1, -2, 2.5f];
        int[] labels = [0, 1, 0, 1];

        var scaling = TemperatureScaling.Fit(logits, labels, classCount: 2);

        scaling.Temperature.Should().BeApproximately(TemperatureScaling.MinTemperature, 1e-9);
        scaling.NllAfter.Should().BeLessThan(scaling.NllBefore);
    }
}
