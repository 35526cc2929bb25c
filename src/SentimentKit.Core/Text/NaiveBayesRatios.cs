using System.Collections.Concurrent;

namespace SentimentKit.Text;

/// <summary>
/// The Naive Bayes log-count ratio of each n-gram feature (NBSVM's weights, Wang and Manning 2012): for each class, one
/// against the rest, <c>|log(p/‖p‖₁) − log(q/‖q‖₁)|</c> over the smoothed numbers of training documents that contain
/// the feature; a feature's ratio is the largest over the classes. Multi-label data takes each label against its absence
/// (<see cref="CountMultiLabel"/>).
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

    /// <summary>
    /// The ratios of multi-label data: for each label, the documents that carry it against those that do not (NBSVM's
    /// binary ratio); a feature's ratio is the largest over the labels.
    /// </summary>
    public static float[] CountMultiLabel(
        NGramFeaturizer featurizer, string[] normalized, IReadOnlyList<bool[]> labelSets, int labelCount, double smoothing, ParallelOptions parallel)
    {
        var featureCount = featurizer.FeatureCount;
        var withLabel = new long[labelCount * featureCount];
        var all = new long[featureCount];
        var gate = new object();
        Parallel.ForEach(
            Partitioner.Create(0, normalized.Length, Math.Max(16, normalized.Length / (Environment.ProcessorCount * 8))),
            parallel,
            () => (WithLabel: new int[labelCount * featureCount], All: new int[featureCount]),
            (range, state, local) =>
            {
                for (var d = range.Item1; d < range.Item2; d++)
                {
                    var ids = featurizer.Transform(normalized[d]).Ids;
                    foreach (var id in ids)
                    {
                        local.All[id]++;
                    }

                    for (var l = 0; l < labelCount; l++)
                    {
                        if (labelSets[d][l])
                        {
                            foreach (var id in ids)
                            {
                                local.WithLabel[(l * featureCount) + id]++;
                            }
                        }
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (var i = 0; i < local.WithLabel.Length; i++)
                    {
                        withLabel[i] += local.WithLabel[i];
                    }

                    for (var i = 0; i < local.All.Length; i++)
                    {
                        all[i] += local.All[i];
                    }
                }
            });

        var ratios = new float[featureCount];
        for (var l = 0; l < labelCount; l++)
        {
            double pTotal = 0, qTotal = 0;
            for (var f = 0; f < featureCount; f++)
            {
                pTotal += withLabel[(l * featureCount) + f] + smoothing;
                qTotal += all[f] - withLabel[(l * featureCount) + f] + smoothing;
            }

            for (var f = 0; f < featureCount; f++)
            {
                var p = withLabel[(l * featureCount) + f] + smoothing;
                var q = all[f] - withLabel[(l * featureCount) + f] + smoothing;
                ratios[f] = Math.Max(ratios[f], (float)Math.Abs(Math.Log(p / pTotal) - Math.Log(q / qTotal)));
            }
        }

        return ratios;
    }
}
