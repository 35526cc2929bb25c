using System.Text.Json.Serialization;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>The answer of <c>POST /explain</c>: the prediction and each token's attribution to its label.</summary>
internal sealed record ExplanationResult(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("probabilities")] IReadOnlyDictionary<string, double> Probabilities,
    [property: JsonPropertyName("tokens")] IReadOnlyList<TokenResult> Tokens)
{
    public static ExplanationResult From(SentimentExplanation explanation) => new(
        explanation.Prediction.Label,
        explanation.Prediction.Confidence,
        explanation.Prediction.Probabilities,
        [.. explanation.Tokens.Select(t => new TokenResult(t.Token, t.Attribution))]);
}
