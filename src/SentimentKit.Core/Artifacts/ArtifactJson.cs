using System.Text.Json;
using System.Text.Json.Serialization;

namespace SentimentKit.Artifacts;

/// <summary>How every JSON entry of a model artifact is written: snake_case names and enum values, indented.</summary>
internal static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
