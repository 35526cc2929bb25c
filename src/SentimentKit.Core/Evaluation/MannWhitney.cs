namespace SentimentKit.Evaluation;

/// <summary>The area under the ROC curve as the Mann-Whitney statistic: shared by the single-label and multi-label metrics.</summary>
internal static class MannWhitney
{
    /// <summary>
    /// The probability that a random positive scores above a random negative, ties counting half (tied scores share
    /// their mean rank); <see langword="null"/> when there are no positives or no negatives. Sorts <paramref name="scores"/>.
    /// </summary>
    public static double? Auc((float Score, bool Positive)[] scores)
    {
        var positives = scores.Count(s => s.Positive);
        var negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        Array.Sort(scores, (a, b) => a.Score.CompareTo(b.Score));
        double positiveRankSum = 0;
        for (var i = 0; i < scores.Length;)
        {
            var j = i;
            while (j + 1 < scores.Length && scores[j + 1].Score == scores[i].Score)
            {
                j++;
            }

            var meanRank = ((i + 1) + (j + 1)) / 2.0;
            for (var k = i; k <= j; k++)
            {
                if (scores[k].Positive)
                {
                    positiveRankSum += meanRank;
                }
            }

            i = j + 1;
        }

        return (positiveRankSum - (positives * (positives + 1.0) / 2)) / ((double)positives * negatives);
    }
}
