namespace SentimentKit.Evaluation;

/// <summary>Per-label decision thresholds for a multi-label classifier, tuned on held-out (validation) data.</summary>
public static class MultiLabelThresholds
{
    /// <summary>
    /// Finds, for each label, the threshold that maximizes that label's F1 on the given data; a label is then
    /// predicted when its probability is at or above its threshold.
    /// </summary>
    /// <remarks>
    /// The candidates are the midpoints between consecutive distinct probabilities of the label, sorted, plus the
    /// midpoint between the lowest probability and 0 (every example predicted positive); each candidate separates the
    /// examples at one place, so the search is exhaustive. Among candidates of equal F1 the one closest to 0.5 wins
    /// (then the higher one), which keeps thresholds near the usual one when the data cannot tell them apart. A label
    /// with no positive example in the data gets <paramref name="fallback"/>: any threshold above its probabilities
    /// would be "best", and that says nothing about unseen data. Rare labels, whose probabilities a model tends to
    /// keep low, are where a tuned threshold gains most over 0.5.
    /// </remarks>
    /// <param name="truth">Per example, whether it has each label.</param>
    /// <param name="probabilities">Per example, each label's probability.</param>
    /// <param name="fallback">The threshold of a label without a positive example.</param>
    /// <returns>One threshold per label.</returns>
    /// <exception cref="ArgumentException">No examples, rows of different lengths, or a probability that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fallback"/> is not finite.</exception>
    public static float[] Tune(IReadOnlyList<bool[]> truth, IReadOnlyList<float[]> probabilities, float fallback = 0.5f)
    {
        if (!float.IsFinite(fallback))
        {
            throw new ArgumentOutOfRangeException(nameof(fallback), fallback, "The fallback threshold must be a finite number.");
        }

        var labelCount = MultiLabelInput.Check(truth, probabilities);
        var thresholds = new float[labelCount];
        var scores = new (float Score, bool Positive)[truth.Count];
        for (var l = 0; l < labelCount; l++)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = (probabilities[i][l], truth[i][l]);
            }

            thresholds[l] = BestThreshold(scores) ?? fallback;
        }

        return thresholds;
    }

    /// <summary>The F1-best threshold of one label; <see langword="null"/> when it has no positive example. Sorts <paramref name="scores"/>.</summary>
    private static float? BestThreshold((float Score, bool Positive)[] scores)
    {
        var positives = scores.Count(s => s.Positive);
        if (positives == 0)
        {
            return null;
        }

        Array.Sort(scores, (a, b) => b.Score.CompareTo(a.Score));
        float best = 0;
        long bestNumerator = -1, bestDenominator = 1;
        long truePositives = 0;
        for (var i = 0; i < scores.Length;)
        {
            // Predict every example scored at least scores[i].Score: the group of equal scores goes in whole.
            var score = scores[i].Score;
            for (; i < scores.Length && scores[i].Score == score; i++)
            {
                truePositives += scores[i].Positive ? 1 : 0;
            }

            var threshold = i < scores.Length ? Between(score, scores[i].Score) : (score > 0 ? score / 2 : score);

            // F1 = 2·TP / (predicted + positives), compared as exact fractions.
            long numerator = 2 * truePositives, denominator = i + positives;
            var order = (numerator * bestDenominator).CompareTo(bestNumerator * denominator);
            if (order > 0 || (order == 0 && Math.Abs(threshold - 0.5) < Math.Abs(best - 0.5)))
            {
                (best, bestNumerator, bestDenominator) = (threshold, numerator, denominator);
            }
        }

        return best;
    }

    /// <summary>A threshold above <paramref name="lower"/> and at most <paramref name="upper"/>: their midpoint, unless it rounds onto <paramref name="lower"/>.</summary>
    private static float Between(float upper, float lower)
    {
        var midpoint = (float)((upper + (double)lower) / 2);
        return midpoint > lower ? midpoint : upper;
    }
}
