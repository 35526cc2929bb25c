namespace SentimentKit;

/// <summary>A prediction: the most probable label, its probability, and the probability of every label.</summary>
/// <param name="Label">The most probable label.</param>
/// <param name="Confidence">The probability of <paramref name="Label"/> (calibrated when the model is).</param>
/// <param name="Probabilities">The probability of every label, in the model's label order.</param>
public sealed record SentimentPrediction(string Label, double Confidence, IReadOnlyDictionary<string, double> Probabilities)
{
    /// <summary>
    /// Checks texts, gets their probabilities (row-major <c>[count, classes]</c>) and turns each row into a prediction:
    /// what every batch prediction does.
    /// </summary>
    internal static SentimentPrediction[] ForTexts(IEnumerable<string> texts, IReadOnlyList<string> names, Func<IReadOnlyList<string>, float[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var list = texts as IReadOnlyList<string> ?? [.. texts];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentNullException(nameof(texts), $"Text {i} is null.");
            }
        }

        var rows = probabilities(list);
        var results = new SentimentPrediction[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            results[i] = FromProbabilities(names, rows.AsSpan(i * names.Count, names.Count));
        }

        return results;
    }

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
