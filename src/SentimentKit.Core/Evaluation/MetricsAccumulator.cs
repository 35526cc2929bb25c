using System.Globalization;
using SentimentKit.Data;

namespace SentimentKit.Evaluation;

/// <summary>
/// Accumulates predicted probabilities and true labels batch by batch, then computes
/// <see cref="ClassificationMetrics"/>. Keeps the probabilities (ranking metrics need them all).
/// </summary>
public sealed class MetricsAccumulator
{
    private const double ProbabilityFloor = 1e-15;
    private readonly List<float> _probabilities = [];
    private readonly List<int> _labels = [];
    private readonly string[] _labelNames;

    /// <summary>Scores probabilities (row-major <c>[count, classes]</c>) of labeled examples: what evaluating a model or an ensemble does.</summary>
    /// <exception cref="InvalidTrainingDataException">An example's label is not one of <paramref name="labelSet"/>.</exception>
    internal static MetricsAccumulator ForExamples(LabelSet labelSet, IEnumerable<TextExample> examples, Func<IReadOnlyList<string>, float[]> probabilities, string owner)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var list = examples as IReadOnlyList<TextExample> ?? [.. examples];
        var labels = LabelIndices(labelSet, list, "example", owner);
        var accumulator = new MetricsAccumulator(labelSet.Names);
        accumulator.Add(probabilities([.. list.Select(e => e.Text)]), labels);
        return accumulator;
    }

    /// <summary>The index of each example's label; an unknown label is an <see cref="InvalidTrainingDataException"/> naming the example and where it came from.</summary>
    internal static int[] LabelIndices(LabelSet labelSet, IReadOnlyList<TextExample> examples, string what, string owner)
    {
        LabelSetTargets.CheckSingleLabel(examples, what, owner);
        var labels = new int[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i] ?? throw new InvalidTrainingDataException(string.Create(CultureInfo.InvariantCulture, $"The {what} {i} is null."));
            labels[i] = labelSet.TryGetIndex(example.Label, out var index)
                ? index
                : throw new InvalidTrainingDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The label '{example.Label}' of {what} {i}{(example.SourceId is { } source ? $" ({source})" : string.Empty)} is not one of the {owner} labels ({labelSet})."));
        }

        return labels;
    }

    /// <summary>Initializes a new instance of the <see cref="MetricsAccumulator"/> class.</summary>
    /// <param name="labelNames">The class names in label-set order; at least two.</param>
    /// <param name="calibrationBins">The number of equal-width confidence bins for the calibration error.</param>
    public MetricsAccumulator(IReadOnlyList<string> labelNames, int calibrationBins = 15)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        if (labelNames.Count < 2)
        {
            throw new ArgumentException($"Metrics need at least two classes; got {labelNames.Count}.", nameof(labelNames));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calibrationBins);
        _labelNames = [.. labelNames];
        CalibrationBinCount = calibrationBins;
    }

    /// <summary>Gets the number of classes.</summary>
    public int ClassCount => _labelNames.Length;

    /// <summary>Gets the number of confidence bins.</summary>
    public int CalibrationBinCount { get; }

    /// <summary>Gets the number of examples added so far.</summary>
    public int Count => _labels.Count;

    /// <summary>Adds one batch.</summary>
    /// <param name="probabilities">Row-major <c>[count, classes]</c> probabilities; each row sums to 1.</param>
    /// <param name="labels">The true class index of each row.</param>
    /// <exception cref="ArgumentException">The sizes disagree, or a label is outside the label set.</exception>
    public void Add(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels)
    {
        if (probabilities.Length != labels.Length * ClassCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {labels.Length} x {ClassCount} probabilities, got {probabilities.Length}."),
                nameof(probabilities));
        }

        foreach (var label in labels)
        {
            if ((uint)label >= (uint)ClassCount)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Label {label} is outside the label set (0 to {ClassCount - 1})."),
                    nameof(labels));
            }
        }

        _probabilities.AddRange(probabilities);
        _labels.AddRange(labels);
    }

    /// <summary>Forgets every example added.</summary>
    public void Reset()
    {
        _probabilities.Clear();
        _labels.Clear();
    }

    /// <summary>Computes the metrics over every example added.</summary>
    /// <returns>The metrics; with no examples, all zeros (ROC-AUC 0.5).</returns>
    public ClassificationMetrics Compute()
    {
        var classes = ClassCount;
        var n = _labels.Count;
        var confusion = new int[classes, classes];
        double logLoss = 0, brier = 0;
        var binCount = new int[CalibrationBinCount];
        var binCorrect = new int[CalibrationBinCount];
        var binConfidence = new double[CalibrationBinCount];

        for (var i = 0; i < n; i++)
        {
            var row = Row(i);
            var label = _labels[i];
            var predicted = ArgMax(row);
            confusion[label, predicted]++;
            logLoss -= Math.Log(Math.Clamp(row[label], ProbabilityFloor, 1 - ProbabilityFloor));
            for (var c = 0; c < classes; c++)
            {
                var diff = row[c] - (c == label ? 1.0 : 0.0);
                brier += diff * diff;
            }

            var confidence = (double)row[predicted];
            var bin = BinOf(confidence);
            binCount[bin]++;
            binConfidence[bin] += confidence;
            if (predicted == label)
            {
                binCorrect[bin]++;
            }
        }

        var perClass = new ClassMetrics[classes];
        var correct = 0;
        double macroF1 = 0, weightedF1 = 0;
        for (var c = 0; c < classes; c++)
        {
            int truePositives = confusion[c, c], support = 0, predictedCount = 0;
            for (var k = 0; k < classes; k++)
            {
                support += confusion[c, k];
                predictedCount += confusion[k, c];
            }

            correct += truePositives;
            var precision = Ratio(truePositives, predictedCount);
            var recall = Ratio(truePositives, support);
            var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            perClass[c] = new ClassMetrics(_labelNames[c], precision, recall, f1, support);
            macroF1 += f1 / classes;
            weightedF1 += n > 0 ? f1 * support / n : 0;
        }

        var bins = new CalibrationBin[CalibrationBinCount];
        double ece = 0;
        for (var b = 0; b < CalibrationBinCount; b++)
        {
            var accuracy = Ratio(binCorrect[b], binCount[b]);
            var confidence = binCount[b] > 0 ? binConfidence[b] / binCount[b] : 0;
            bins[b] = new CalibrationBin((double)b / CalibrationBinCount, (double)(b + 1) / CalibrationBinCount, binCount[b], accuracy, confidence);
            ece += n > 0 ? (double)binCount[b] / n * Math.Abs(accuracy - confidence) : 0;
        }

        var matrix = new IReadOnlyList<int>[classes];
        for (var c = 0; c < classes; c++)
        {
            var row = new int[classes];
            for (var k = 0; k < classes; k++)
            {
                row[k] = confusion[c, k];
            }

            matrix[c] = row;
        }

        var accuracyAll = Ratio(correct, n);
        return new ClassificationMetrics
        {
            Count = n,
            Accuracy = accuracyAll,
            MacroF1 = macroF1,
            MicroF1 = accuracyAll,
            WeightedF1 = weightedF1,
            PerClass = perClass,
            ConfusionMatrix = matrix,
            RocAuc = RocAuc(),
            LogLoss = n > 0 ? logLoss / n : 0,
            BrierScore = n > 0 ? brier / n : 0,
            ExpectedCalibrationError = ece,
            CalibrationBins = bins,
        };
    }

    /// <summary>Computes the ROC curve of one class against the rest.</summary>
    /// <param name="positiveClass">The class that counts as positive.</param>
    /// <returns>Points from (0, 0) to (1, 1), one per distinct score; only the two ends when a side has no examples.</returns>
    public IReadOnlyList<RocPoint> RocCurve(int positiveClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positiveClass);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(positiveClass, ClassCount);
        var (scores, positives, negatives) = ScoresFor(positiveClass);
        var points = new List<RocPoint> { new(0, 0, double.PositiveInfinity) };
        if (positives == 0 || negatives == 0)
        {
            points.Add(new RocPoint(1, 1, double.NegativeInfinity));
            return points;
        }

        Array.Sort(scores, (a, b) => b.Score.CompareTo(a.Score));
        int tp = 0, fp = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i].Positive)
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (i == scores.Length - 1 || scores[i + 1].Score != scores[i].Score)
            {
                points.Add(new RocPoint((double)fp / negatives, (double)tp / positives, scores[i].Score));
            }
        }

        return points;
    }

    private double RocAuc()
    {
        if (ClassCount == 2)
        {
            return AucFor(1) ?? 0.5;
        }

        double sum = 0;
        var counted = 0;
        for (var c = 0; c < ClassCount; c++)
        {
            if (AucFor(c) is { } auc)
            {
                sum += auc;
                counted++;
            }
        }

        return counted > 0 ? sum / counted : 0.5;
    }

    private double? AucFor(int positiveClass)
    {
        var (scores, _, _) = ScoresFor(positiveClass);
        return MannWhitney.Auc(scores);
    }

    private ((float Score, bool Positive)[] Scores, int Positives, int Negatives) ScoresFor(int positiveClass)
    {
        var scores = new (float Score, bool Positive)[_labels.Count];
        var positives = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var positive = _labels[i] == positiveClass;
            positives += positive ? 1 : 0;
            scores[i] = (_probabilities[(i * ClassCount) + positiveClass], positive);
        }

        return (scores, positives, scores.Length - positives);
    }

    private ReadOnlySpan<float> Row(int i) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_probabilities).Slice(i * ClassCount, ClassCount);

    private int BinOf(double confidence) =>
        Math.Clamp((int)Math.Ceiling(confidence * CalibrationBinCount) - 1, 0, CalibrationBinCount - 1);

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }

    private static double Ratio(int numerator, int denominator) => denominator > 0 ? (double)numerator / denominator : 0;
}
