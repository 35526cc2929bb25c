namespace SentimentKit.Evaluation;

/// <summary>
/// Greedy ensemble selection with replacement (Caruana et al. 2004) on log loss: starting from the best single model,
/// each round adds the model whose extra share lowers the log loss of the averaged probabilities most; a model's
/// weight is its share of the rounds. A pure function of the models' held-out probabilities, so it needs no model.
/// </summary>
internal static class EnsembleWeights
{
    public const int DefaultRounds = 100;

    /// <summary>Fits weights from each model's probability of the true label of each held-out example.</summary>
    /// <param name="truthProbabilities"><c>[model][example]</c>: the probability each model gives each example's true label.</param>
    /// <param name="rounds">The number of rounds; the weights are multiples of 1 / rounds.</param>
    /// <returns>One weight per model, summing to 1; ties go to the earlier model.</returns>
    public static double[] Fit(IReadOnlyList<double[]> truthProbabilities, int rounds = DefaultRounds)
    {
        ArgumentNullException.ThrowIfNull(truthProbabilities);
        ArgumentOutOfRangeException.ThrowIfZero(truthProbabilities.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        var examples = truthProbabilities[0].Length;
        if (examples == 0 || truthProbabilities.Any(p => p.Length != examples))
        {
            throw new ArgumentException("Every model needs one probability per example, and there must be at least one example.", nameof(truthProbabilities));
        }

        var counts = new int[truthProbabilities.Count];
        var sum = new double[examples];
        for (var round = 0; round < rounds; round++)
        {
            var best = 0;
            var bestLoss = double.PositiveInfinity;
            for (var m = 0; m < truthProbabilities.Count; m++)
            {
                var loss = 0.0;
                for (var i = 0; i < examples; i++)
                {
                    loss -= Math.Log(Math.Max((sum[i] + truthProbabilities[m][i]) / (round + 1), 1e-12));
                }

                if (loss < bestLoss)
                {
                    (best, bestLoss) = (m, loss);
                }
            }

            counts[best]++;
            for (var i = 0; i < examples; i++)
            {
                sum[i] += truthProbabilities[best][i];
            }
        }

        return [.. counts.Select(c => c / (double)rounds)];
    }
}
