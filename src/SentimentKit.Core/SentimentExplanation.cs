namespace SentimentKit;

/// <summary>A prediction with per-token attributions for its label, tokens in text order.</summary>
/// <param name="Prediction">The prediction being explained.</param>
/// <param name="Tokens">One entry per token of the text; tokens beyond the model's token limit have attribution 0.</param>
/// <remarks>
/// For a multi-label prediction, <see cref="Tokens"/> explains the most probable label of the predicted set (or the most
/// probable label when the set is empty) and <see cref="PerLabel"/> explains each label of the set on its own.
/// </remarks>
public sealed record SentimentExplanation(SentimentPrediction Prediction, IReadOnlyList<TokenAttribution> Tokens)
{
    /// <summary>
    /// Gets, for a multi-label prediction, one attribution per token toward each predicted label's own log-probability
    /// (its sigmoid), by label name in the order of <see cref="SentimentPrediction.Labels"/>; the most probable label
    /// alone when the predicted set is empty. <see langword="null"/> for a single-label prediction.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TokenAttribution>>? PerLabel { get; init; }

    /// <summary>
    /// The explanation of a prediction, for either runtime: the predicted label's attributions, or for a multi-label
    /// prediction each predicted label's (the most probable label's when none is predicted) in <see cref="PerLabel"/>.
    /// </summary>
    /// <param name="prediction">The prediction.</param>
    /// <param name="attributions">The attribution of every token toward one label.</param>
    internal static SentimentExplanation Of(SentimentPrediction prediction, Func<string, IReadOnlyList<TokenAttribution>> attributions)
    {
        if (prediction.Labels is not { } predicted)
        {
            return new SentimentExplanation(prediction, attributions(prediction.Label));
        }

        string[] explained = predicted.Count > 0 ? [.. predicted] : [prediction.Probabilities.MaxBy(p => p.Value).Key];
        var perLabel = explained.ToDictionary(label => label, attributions, StringComparer.Ordinal);
        return new SentimentExplanation(prediction, perLabel[explained[0]]) { PerLabel = perLabel };
    }
}
