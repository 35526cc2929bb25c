using System.Text.Json.Serialization;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>The answer of <c>POST /explain</c>: the prediction and each token's attribution to its label.</summary>
internal sealed record ExplanationResult(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("probabilities")] IReadOnlyDictionary<string, double> Probabilities,
    [property: JsonPropertyName("tokens")] IReadOnlyList<TokenResult> Tokens)
{
    /// <summary>Gets a multi-label model's predicted label set.</summary>
    [JsonPropertyName("labels")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Gets a multi-label model's attributions toward each predicted label, by label.</summary>
    [JsonPropertyName("per_label")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyList<TokenResult>>? PerLabel { get; init; }

    public static ExplanationResult From(SentimentExplanation explanation) => new(
        explanation.Prediction.Label,
        explanation.Prediction.Confidence,
        explanation.Prediction.Probabilities,
        TokenResults(explanation.Tokens))
    {
        Labels = explanation.Prediction.Labels,
        PerLabel = explanation.PerLabel?.ToDictionary(p => p.Key, p => TokenResults(p.Value), StringComparer.Ordinal),
    };

    private static IReadOnlyList<TokenResult> TokenResults(IReadOnlyList<TokenAttribution> tokens) => [.. tokens.Select(t => new TokenResult(t.Token, t.Attribution))];
}
