using System.Text.Json.Serialization;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>
/// One text's prediction, as <c>sentimentkit predict --json</c> prints it (less the text, which the caller sent); a
/// multi-label model's adds <c>labels</c>, the predicted set.
/// </summary>
internal sealed record PredictionResult(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("probabilities")] IReadOnlyDictionary<string, double> Probabilities)
{
    [JsonPropertyName("labels")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Labels { get; init; }

    public static PredictionResult From(SentimentPrediction prediction) =>
        new(prediction.Label, prediction.Confidence, prediction.Probabilities) { Labels = prediction.Labels };
}
