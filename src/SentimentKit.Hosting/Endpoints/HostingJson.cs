using System.Text.Json;
using System.Text.Json.Serialization;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>How the endpoints read and write JSON: snake_case names as the command line's <c>--json</c>, requests read without regard to case.</summary>
internal static class HostingJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
