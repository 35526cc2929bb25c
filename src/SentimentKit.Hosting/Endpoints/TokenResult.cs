using System.Text.Json.Serialization;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>A token of an explained text and how much it pushed the prediction toward the label (negative: away from it).</summary>
internal sealed record TokenResult(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("attribution")] double Attribution);
