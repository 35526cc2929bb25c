using System.Text.Json.Serialization;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>The body of <c>POST /explain</c>.</summary>
/// <param name="Text">The text to classify and explain.</param>
internal sealed record ExplainRequest([property: JsonPropertyName("text")] string? Text);
