namespace SentimentKit;

/// <summary>A prediction with per-token attributions for its label, tokens in text order.</summary>
/// <param name="Prediction">The prediction being explained.</param>
/// <param name="Tokens">One entry per token of the text; tokens beyond the model's token limit have attribution 0.</param>
public sealed record SentimentExplanation(SentimentPrediction Prediction, IReadOnlyList<TokenAttribution> Tokens);
