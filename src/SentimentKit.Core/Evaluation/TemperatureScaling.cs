using System.Globalization;

namespace SentimentKit.Evaluation;

/// <summary>
/// Temperature scaling (Guo et al., 2017): one scalar <c>T</c> that divides the logits before the
/// softmax, fitted on validation logits by minimizing the negative log-likelihood. It changes
/// confidences, never the predicted class. The temperature is kept within [<see cref="MinTemperature"/>,
/// <see cref="MaxTemperature"/>].
/// </summary>
public sealed record TemperatureScaling
{
    /// <summary>
    /// The lowest temperature fitted. On a validation set the model separates perfectly, the log loss keeps falling as
    /// the temperature goes to zero, which would show every prediction at 100%; sharpening by more than 4× is not kept.
    /// </summary>
    public const double MinTemperature = 0.25;

    /// <summary>The highest temperature fitted (softening by 20×).</summary>
    public const double MaxTemperature = 20;

    /// <summary>The fewest validation examples a temperature is fitted on; with fewer the model is left uncalibrated.</summary>
    public const int MinExamples = 30;

    /// <summary>Gets the fitted temperature (greater than 1 softens over-confident models).</summary>
    public required double Temperature { get; init; }

    /// <summary>Gets the validation negative log-likelihood before scaling.</summary>
    public required double NllBefore { get; init; }

    /// <summary>Gets the validation negative log-likelihood after scaling.</summary>
    public required double NllAfter { get; init; }

    /// <summary>Gets the validation expected calibration error (15 bins) before scaling.</summary>
    public required double EceBefore { get; init; }

    /// <summary>Gets the validation expected calibration error (15 bins) after scaling.</summary>
    public required double EceAfter { get; init; }

    /// <summary>Fits the temperature on logits and their true labels.</summary>
    /// <param name="logits">Row-major <c>[count, classes]</c> logits.</param>
    /// <param name="labels">The true class of each row.</param>
    /// <param name="classCount">The number of classes (at least 2).</param>
    /// <returns>The fitted scaling with NLL and ECE before and after.</returns>
    /// <exception cref="ArgumentException">No rows, sizes disagree, or a label is outside the classes.</exception>
    public static TemperatureScaling Fit(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (labels.Length == 0)
        {
            throw new ArgumentException("Temperature scaling needs at least one validation example.", nameof(labels));
        }

        if (logits.Length != labels.Length * classCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {labels.Length} x {classCount} logits, got {logits.Length}."),
                nameof(logits));
        }

        foreach (var label in labels)
        {
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Label {label} is outside 0 to {classCount - 1}."), nameof(labels));
            }
        }

        // NLL is convex in the inverse temperature b = 1/T: Newton's method on b, with its
        // first derivative mean(E_p[z] - z_y) and second mean(Var_p[z]), converges in a few steps.
        var beta = 1.0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var (_, gradient, curvature) = NllAndDerivatives(logits, labels, classCount, beta);
            if (curvature <= 1e-12)
            {
                break;
            }

            var step = gradient / curvature;
            var next = Math.Clamp(beta - step, beta / 4, beta * 4);
            next = Math.Clamp(next, 1 / MaxTemperature, 1 / MinTemperature);
            if (Math.Abs(next - beta) < 1e-9 * Math.Max(1, beta))
            {
                beta = next;
                break;
            }

            beta = next;
        }

        var temperature = 1 / beta;
        return new TemperatureScaling
        {
            Temperature = temperature,
            NllBefore = NllAndDerivatives(logits, labels, classCount, 1).Nll,
            NllAfter = NllAndDerivatives(logits, labels, classCount, beta).Nll,
            EceBefore = Ece(logits, labels, classCount, 1),
            EceAfter = Ece(logits, labels, classCount, temperature),
        };
    }

    /// <summary>Turns row-major <c>[rows, classes]</c> logits into probabilities with a temperature: what every predictor returns.</summary>
    internal static float[] SoftmaxRows(float[] logits, int classes, double temperature)
    {
        var probabilities = new float[logits.Length];
        for (var i = 0; i < logits.Length / classes; i++)
        {
            Softmax(logits.AsSpan(i * classes, classes), temperature, probabilities.AsSpan(i * classes, classes));
        }

        return probabilities;
    }

    /// <summary>Turns one row of logits into probabilities with a temperature.</summary>
    /// <param name="logits">The logits of one example.</param>
    /// <param name="temperature">The temperature (1 for the plain softmax).</param>
    /// <param name="probabilities">Where to write the probabilities; as long as <paramref name="logits"/>.</param>
    public static void Softmax(ReadOnlySpan<float> logits, double temperature, Span<float> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        if (probabilities.Length != logits.Length)
        {
            throw new ArgumentException("The output must be as long as the logits.", nameof(probabilities));
        }

        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, z / temperature);
        }

        double sum = 0;
        for (var c = 0; c < logits.Length; c++)
        {
            var e = Math.Exp((logits[c] / temperature) - max);
            probabilities[c] = (float)e;
            sum += e;
        }

        for (var c = 0; c < logits.Length; c++)
        {
            probabilities[c] = (float)(probabilities[c] / sum);
        }
    }

    private static (double Nll, double Gradient, double Curvature) NllAndDerivatives(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, double beta)
    {
        double nll = 0, gradient = 0, curvature = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = logits.Slice(i * classes, classes);
            var max = double.NegativeInfinity;
            foreach (var z in row)
            {
                max = Math.Max(max, beta * z);
            }

            double sum = 0, mean = 0, meanSquare = 0;
            foreach (var z in row)
            {
                var e = Math.Exp((beta * z) - max);
                sum += e;
                mean += e * z;
                meanSquare += e * z * z;
            }

            mean /= sum;
            meanSquare /= sum;
            nll += max + Math.Log(sum) - (beta * row[labels[i]]);
            gradient += mean - row[labels[i]];
            curvature += meanSquare - (mean * mean);
        }

        return (nll / labels.Length, gradient / labels.Length, curvature / labels.Length);
    }

    private static double Ece(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, double temperature)
    {
        var accumulator = new MetricsAccumulator([.. Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        var probabilities = new float[logits.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            Softmax(logits.Slice(i * classes, classes), temperature, probabilities.AsSpan(i * classes, classes));
        }

        accumulator.Add(probabilities, labels);
        return accumulator.Compute().ExpectedCalibrationError;
    }
}
