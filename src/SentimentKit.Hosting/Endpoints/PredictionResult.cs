using System.Text.Json.Serialization;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>One text's prediction, as <c>sentimentkit predict --json</c> prints it (less the text, which the caller sent).</summary>
internal sealed record PredictionResult(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("probabilities")] IReadOnlyDictionary<string, double> Probabilities)
{
    public static PredictionResult From(SentimentPrediction prediction) => new(prediction.Label, prediction.Confidence, prediction.Probabilities);
}
