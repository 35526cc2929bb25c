namespace SentimentKit;

/// <summary>How much one token of a text pushed the prediction toward the explained label (negative: away from it).</summary>
/// <param name="Token">The token, as the model's tokenizer saw it (normalized).</param>
/// <param name="Attribution">The token's contribution to the log-probability of the label.</param>
public sealed record TokenAttribution(string Token, double Attribution);
