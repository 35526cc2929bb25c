using System.Collections.Concurrent;

namespace SentimentKit.Text;

/// <summary>
/// The Naive Bayes log-count ratio of each n-gram feature (NBSVM's weights, Wang and Manning 2012): for each class, one
/// against the rest, <c>|log(p/‖p‖₁) − log(q/‖q‖₁)|</c> over the smoothed numbers of training documents that contain
/// the feature; a feature's ratio is the largest over the classes.
/// </summary>
internal static class NaiveBayesRatios
{
    public static float[] Count(
        NGramFeaturizer featurizer, string[] normalized, IReadOnlyList<int> labels, int classCount, double smoothing, ParallelOptions parallel)
    {
        var featureCount = featurizer.FeatureCount;
        var counts = new long[classCount * featureCount];
        var gate = new object();
        Parallel.ForEach(
            Partitioner.Create(0, normalized.Length, Math.Max(16, normalized.Length / (Environment.ProcessorCount * 8))),
            parallel,
            () => new int[classCount * featureCount],
            (range, state, local) =>
            {
                for (var d = range.Item1; d < range.Item2; d++)
                {
                    var offset = labels[d] * featureCount;
                    foreach (var id in featurizer.Transform(normalized[d]).Ids)
                    {
                        local[offset + id]++;
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (var i = 0; i < local.Length; i++)
                    {
                        counts[i] += local[i];
                    }
                }
            });

        var total = new double[featureCount];
        var classTotals = new double[classCount];
        for (var c = 0; c < classCount; c++)
        {
            for (var f = 0; f < featureCount; f++)
            {
                var smoothed = counts[(c * featureCount) + f] + smoothing;
                total[f] += smoothed;
                classTotals[c] += smoothed;
            }
        }

        var grandTotal = classTotals.Sum();
        var ratios = new float[featureCount];
        for (var c = 0; c < classCount; c++)
        {
            // The rest of the classes pool their counts; each pooled count carries one smoothing term.
            var restTotal = grandTotal - classTotals[c] - ((classCount - 2) * smoothing * featureCount);
            for (var f = 0; f < featureCount; f++)
            {
                var p = counts[(c * featureCount) + f] + smoothing;
                var q = total[f] - p - ((classCount - 2) * smoothing);
                var r = Math.Abs(Math.Log(p / classTotals[c]) - Math.Log(q / restTotal));
                ratios[f] = Math.Max(ratios[f], (float)r);
            }
        }

        return ratios;
    }
}
