namespace SentimentKit;

/// <summary>A prediction: the most probable label, its probability, and the probability of every label.</summary>
/// <param name="Label">The most probable label.</param>
/// <param name="Confidence">The probability of <paramref name="Label"/> (calibrated when the model is).</param>
/// <param name="Probabilities">The probability of every label, in the model's label order.</param>
public sealed record SentimentPrediction(string Label, double Confidence, IReadOnlyDictionary<string, double> Probabilities)
{
    /// <summary>The prediction of one row of probabilities: the most probable label (the first on ties).</summary>
    internal static SentimentPrediction FromProbabilities(IReadOnlyList<string> names, ReadOnlySpan<float> row)
    {
        var probabilities = new Dictionary<string, double>(names.Count, StringComparer.Ordinal);
        var best = 0;
        for (var c = 0; c < row.Length; c++)
        {
            probabilities[names[c]] = row[c];
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return new SentimentPrediction(names[best], row[best], probabilities);
    }
}
