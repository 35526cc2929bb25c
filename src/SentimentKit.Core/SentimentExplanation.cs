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
}
