using System.Text.Json.Serialization;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>The body of <c>POST /predict</c>.</summary>
/// <param name="Texts">The texts to classify, at most <see cref="SentimentEndpointOptions.MaxBatchSize"/>.</param>
internal sealed record PredictRequest([property: JsonPropertyName("texts")] IReadOnlyList<string?>? Texts);
