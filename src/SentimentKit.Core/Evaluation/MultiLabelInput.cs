namespace SentimentKit.Evaluation;

/// <summary>The checks shared by everything that reads multi-label truth and probabilities.</summary>
internal static class MultiLabelInput
{
    /// <summary>
    /// Checks that there is at least one example, that <paramref name="truth"/> and <paramref name="probabilities"/>
    /// have a row per example of <paramref name="labelCount"/> values each (the first truth row's length when
    /// <see langword="null"/>), and that every probability is finite; returns the label count.
    /// </summary>
    /// <exception cref="ArgumentException">They do not.</exception>
    public static int Check(IReadOnlyList<bool[]> truth, IReadOnlyList<float[]> probabilities, int? labelCount = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (truth.Count == 0)
        {
            throw new ArgumentException("There must be at least one example.", nameof(truth));
        }

        if (probabilities.Count != truth.Count)
        {
            throw new ArgumentException($"Expected {truth.Count} probability rows, one per truth row, got {probabilities.Count}.", nameof(probabilities));
        }

        var columns = labelCount ?? truth[0]?.Length ?? 0;
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth[i]?.Length != columns || columns == 0)
            {
                throw new ArgumentException($"Truth row {i} has {truth[i]?.Length ?? 0} values; expected {columns}, one per label (at least one).", nameof(truth));
            }

            if (probabilities[i]?.Length != columns)
            {
                throw new ArgumentException($"Probability row {i} has {probabilities[i]?.Length ?? 0} values; expected {columns}, one per label.", nameof(probabilities));
            }

            if (!Array.TrueForAll(probabilities[i], float.IsFinite))
            {
                throw new ArgumentException($"Probability row {i} holds a value that is not a finite number.", nameof(probabilities));
            }
        }

        return columns;
    }
}
