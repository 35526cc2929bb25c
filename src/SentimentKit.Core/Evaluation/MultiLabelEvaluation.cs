using System.Text.Json.Nodes;

namespace SentimentKit.Evaluation;

/// <summary>
/// Metrics of a multi-label classifier on a labeled set: each example has any number of the labels, and the
/// classifier gives each label a probability; a label is predicted when its probability is at or above its threshold.
/// </summary>
/// <remarks>
/// The definitions follow scikit-learn (<c>precision_recall_fscore_support</c> with <c>zero_division=0</c>,
/// <c>hamming_loss</c>, <c>accuracy_score</c> on label indicators, <c>label_ranking_average_precision_score</c>,
/// <c>roc_auc_score</c>), so the figures can be checked against it. Every figure is a defined number, never NaN:
/// a ratio whose denominator is 0 is 0, but for label-ranking average precision, where an example with no true label
/// (or every label true) counts as 1.
/// </remarks>
public sealed class MultiLabelEvaluation
{
    private MultiLabelEvaluation(IReadOnlyList<string> labels, int count)
    {
        Labels = labels;
        Count = count;
    }

    /// <summary>Gets the label names, in the order of the probability and truth columns.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Gets the number of examples.</summary>
    public int Count { get; }

    /// <summary>Gets precision over every (example, label) decision pooled: ΣTP / (ΣTP + ΣFP); 0 when nothing was predicted.</summary>
    public double MicroPrecision { get; private init; }

    /// <summary>Gets recall over every decision pooled: ΣTP / (ΣTP + ΣFN); 0 when no example has any label.</summary>
    public double MicroRecall { get; private init; }

    /// <summary>Gets F1 over every decision pooled: 2·ΣTP / (2·ΣTP + ΣFP + ΣFN); 0 when no label is true or predicted anywhere.</summary>
    public double MicroF1 { get; private init; }

    /// <summary>
    /// Gets the unweighted mean of the labels' F1 scores. Every label counts, and a label that is neither true nor
    /// predicted on any example has F1 0 (scikit-learn's <c>zero_division=0</c>), which lowers the mean.
    /// </summary>
    public double MacroF1 { get; private init; }

    /// <summary>Gets the mean of the labels' F1 scores weighted by their support; 0 when no example has any label.</summary>
    public double WeightedF1 { get; private init; }

    /// <summary>Gets the fraction of (example, label) decisions that are wrong: (ΣFP + ΣFN) / (count × labels).</summary>
    public double HammingLoss { get; private init; }

    /// <summary>Gets the fraction of examples whose predicted label set is exactly the true one (the empty set included).</summary>
    public double SubsetAccuracy { get; private init; }

    /// <summary>
    /// Gets the label-ranking average precision: for each example, the mean over its true labels l of
    /// (true labels scored at least as high as l) / (labels scored at least as high as l), averaged over examples;
    /// an example with no true label, or with every label true, counts as 1 (as scikit-learn defines it). It does not
    /// depend on the thresholds; 1 means the true labels always outrank the others.
    /// </summary>
    public double LabelRankingAveragePrecision { get; private init; }

    /// <summary>Gets precision, recall, F1, support, ROC-AUC and threshold of each label, in <see cref="Labels"/> order.</summary>
    public IReadOnlyList<LabelMetrics> PerLabel { get; private init; } = [];

    /// <summary>Scores multi-label predictions against the truth.</summary>
    /// <param name="labels">The label names (distinct, not blank): the columns of <paramref name="truth"/> and <paramref name="probabilities"/>.</param>
    /// <param name="truth">Per example, whether it has each label.</param>
    /// <param name="probabilities">Per example, each label's probability (or any finite score).</param>
    /// <param name="thresholds">Per label, the probability at or above which it is predicted.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">No labels or no examples, a blank or repeated label, rows or thresholds of the wrong length, or a value that is not finite.</exception>
    public static MultiLabelEvaluation Compute(
        IReadOnlyList<string> labels, IReadOnlyList<bool[]> truth, IReadOnlyList<float[]> probabilities, IReadOnlyList<float> thresholds)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(thresholds);
        CheckLabels(labels);
        MultiLabelInput.Check(truth, probabilities, labels.Count);
        if (thresholds.Count != labels.Count)
        {
            throw new ArgumentException($"Expected {labels.Count} thresholds, one per label, got {thresholds.Count}.", nameof(thresholds));
        }

        if (thresholds.Any(t => !float.IsFinite(t)))
        {
            throw new ArgumentException("Every threshold must be a finite number.", nameof(thresholds));
        }

        var labelCount = labels.Count;
        var truePositives = new int[labelCount];
        var falsePositives = new int[labelCount];
        var falseNegatives = new int[labelCount];
        var exactMatches = 0;
        double rankingPrecision = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            var exact = true;
            for (var l = 0; l < labelCount; l++)
            {
                var predicted = probabilities[i][l] >= thresholds[l];
                var actual = truth[i][l];
                truePositives[l] += predicted && actual ? 1 : 0;
                falsePositives[l] += predicted && !actual ? 1 : 0;
                falseNegatives[l] += !predicted && actual ? 1 : 0;
                exact &= predicted == actual;
            }

            exactMatches += exact ? 1 : 0;
            rankingPrecision += RankingPrecision(truth[i], probabilities[i]);
        }

        var perLabel = new LabelMetrics[labelCount];
        for (var l = 0; l < labelCount; l++)
        {
            var scores = new (float Score, bool Positive)[truth.Count];
            for (var i = 0; i < truth.Count; i++)
            {
                scores[i] = (probabilities[i][l], truth[i][l]);
            }

            var (tp, fp, fn) = (truePositives[l], falsePositives[l], falseNegatives[l]);
            perLabel[l] = new LabelMetrics(labels[l], Ratio(tp, tp + fp), Ratio(tp, tp + fn), Ratio(2 * tp, (2 * tp) + fp + fn), tp + fn, MannWhitney.Auc(scores), thresholds[l]);
        }

        var (sumTp, sumFp, sumFn) = (truePositives.Sum(), falsePositives.Sum(), falseNegatives.Sum());
        var support = perLabel.Sum(m => m.Support);
        return new MultiLabelEvaluation(Array.AsReadOnly(labels.ToArray()), truth.Count)
        {
            MicroPrecision = Ratio(sumTp, sumTp + sumFp),
            MicroRecall = Ratio(sumTp, sumTp + sumFn),
            MicroF1 = Ratio(2 * sumTp, (2 * sumTp) + sumFp + sumFn),
            MacroF1 = perLabel.Average(m => m.F1),
            WeightedF1 = support == 0 ? 0 : perLabel.Sum(m => m.F1 * m.Support) / support,
            HammingLoss = (double)(sumFp + sumFn) / ((long)truth.Count * labelCount),
            SubsetAccuracy = (double)exactMatches / truth.Count,
            LabelRankingAveragePrecision = rankingPrecision / truth.Count,
            PerLabel = Array.AsReadOnly(perLabel),
        };
    }

    /// <summary>Writes the metrics as a JSON object with camelCase names; a label's <c>rocAuc</c> is <c>null</c> where it is undefined.</summary>
    /// <returns>
    /// <c>{"count", "labels", "microPrecision", "microRecall", "microF1", "macroF1", "weightedF1", "hammingLoss",
    /// "subsetAccuracy", "labelRankingAveragePrecision", "perLabel": [{"label", "precision", "recall", "f1", "support",
    /// "rocAuc", "threshold"}]}</c>.
    /// </returns>
    public JsonObject ToJson()
    {
        var perLabel = new JsonArray();
        foreach (var m in PerLabel)
        {
            perLabel.Add(new JsonObject
            {
                ["label"] = m.Label,
                ["precision"] = m.Precision,
                ["recall"] = m.Recall,
                ["f1"] = m.F1,
                ["support"] = m.Support,
                ["rocAuc"] = m.RocAuc,
                ["threshold"] = m.Threshold,
            });
        }

        return new JsonObject
        {
            ["count"] = Count,
            ["labels"] = new JsonArray([.. Labels.Select(l => (JsonNode?)l)]),
            ["microPrecision"] = MicroPrecision,
            ["microRecall"] = MicroRecall,
            ["microF1"] = MicroF1,
            ["macroF1"] = MacroF1,
            ["weightedF1"] = WeightedF1,
            ["hammingLoss"] = HammingLoss,
            ["subsetAccuracy"] = SubsetAccuracy,
            ["labelRankingAveragePrecision"] = LabelRankingAveragePrecision,
            ["perLabel"] = perLabel,
        };
    }

    /// <summary>One example's term of <see cref="LabelRankingAveragePrecision"/> (ties count as ranked above, as scikit-learn's "max" ranks).</summary>
    private static double RankingPrecision(bool[] truth, float[] scores)
    {
        var relevant = truth.Count(t => t);
        if (relevant == 0 || relevant == truth.Length)
        {
            return 1;
        }

        double sum = 0;
        for (var l = 0; l < truth.Length; l++)
        {
            if (!truth[l])
            {
                continue;
            }

            int rank = 0, relevantRank = 0;
            for (var m = 0; m < truth.Length; m++)
            {
                if (scores[m] >= scores[l])
                {
                    rank++;
                    relevantRank += truth[m] ? 1 : 0;
                }
            }

            sum += (double)relevantRank / rank;
        }

        return sum / relevant;
    }

    private static void CheckLabels(IReadOnlyList<string> labels)
    {
        if (labels.Count == 0)
        {
            throw new ArgumentException("There must be at least one label.", nameof(labels));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var l = 0; l < labels.Count; l++)
        {
            if (string.IsNullOrWhiteSpace(labels[l]) || !seen.Add(labels[l]))
            {
                throw new ArgumentException($"Label {l} ('{labels[l]}') is blank or repeated; the labels must be distinct names.", nameof(labels));
            }
        }
    }

    private static double Ratio(int numerator, int denominator) => denominator > 0 ? (double)numerator / denominator : 0;
}
