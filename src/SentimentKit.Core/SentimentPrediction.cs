namespace SentimentKit;

/// <summary>
/// A prediction: the most probable label, its probability, and the probability of every label — or, from a multi-label
/// model (<see cref="ClassificationTask.MultiLabel"/>), the set of labels whose probabilities reach their thresholds
/// (<see cref="Labels"/>) with every label's own probability.
/// </summary>
/// <param name="Label">
/// The most probable label; for a multi-label model, <see cref="Labels"/> joined with <c>|</c> (empty for the empty set),
/// so that code written for one label still shows the prediction.
/// </param>
/// <param name="Confidence">
/// The probability of <paramref name="Label"/> (calibrated when the model is); for a multi-label model, the probability
/// of exactly this set of labels with the labels taken as independent (the product of <c>p</c> over the labels in the
/// set and <c>1 − p</c> over the others).
/// </param>
/// <param name="Probabilities">
/// The probability of every label, in the model's label order. They sum to 1 for a single-label model; for a
/// multi-label model each is that label's own probability (sigmoid, calibrated per label when the model is).
/// </param>
public sealed record SentimentPrediction(string Label, double Confidence, IReadOnlyDictionary<string, double> Probabilities)
{
    /// <summary>
    /// Gets the predicted label set of a multi-label model: every label whose probability reaches its threshold, most
    /// probable first (the empty list when none does); <see langword="null"/> for a single-label model.
    /// </summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Gets a value indicating whether the prediction comes from a multi-label model (<see cref="Labels"/> is set).</summary>
    public bool IsMultiLabel => Labels is not null;

    /// <summary>
    /// Checks texts, gets their probabilities (row-major <c>[count, classes]</c>) and turns each row into a prediction:
    /// what every batch prediction does.
    /// </summary>
    /// <remarks>With <paramref name="thresholds"/> (one per label) the rows are multi-label probabilities (see <see cref="FromMultiLabelProbabilities"/>).</remarks>
    internal static SentimentPrediction[] ForTexts(
        IEnumerable<string> texts, IReadOnlyList<string> names, Func<IReadOnlyList<string>, float[]> probabilities, IReadOnlyList<float>? thresholds = null)
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
            var row = rows.AsSpan(i * names.Count, names.Count);
            results[i] = thresholds is null ? FromProbabilities(names, row) : FromMultiLabelProbabilities(names, row, thresholds);
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

    /// <summary>
    /// The multi-label prediction of one row of per-label probabilities: the labels at or above their thresholds, most
    /// probable first (label order on ties).
    /// </summary>
    internal static SentimentPrediction FromMultiLabelProbabilities(IReadOnlyList<string> names, ReadOnlySpan<float> row, IReadOnlyList<float> thresholds)
    {
        var probabilities = new Dictionary<string, double>(names.Count, StringComparer.Ordinal);
        var chosen = new List<int>();
        double joint = 1;
        for (var c = 0; c < row.Length; c++)
        {
            probabilities[names[c]] = row[c];
            if (row[c] >= thresholds[c])
            {
                chosen.Add(c);
                joint *= row[c];
            }
            else
            {
                joint *= 1.0 - row[c];
            }
        }

        var values = row.ToArray();
        chosen.Sort((a, b) => values[a] != values[b] ? values[b].CompareTo(values[a]) : a.CompareTo(b));
        string[] labels = [.. chosen.Select(c => names[c])];
        return new SentimentPrediction(string.Join('|', labels), joint, probabilities) { Labels = labels };
    }
}
