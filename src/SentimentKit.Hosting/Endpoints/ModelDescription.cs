using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>The answer of <c>GET /model</c>: the model serving now, and its file's manifest (no weights).</summary>
internal sealed record ModelDescription
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("runtime")]
    public required string Runtime { get; init; }

    [JsonPropertyName("kind")]
    public required ModelKind Kind { get; init; }

    [JsonPropertyName("labels")]
    public required IReadOnlyList<string> Labels { get; init; }

    [JsonPropertyName("created_utc")]
    public required DateTimeOffset CreatedUtc { get; init; }

    [JsonPropertyName("library_version")]
    public required string LibraryVersion { get; init; }

    [JsonPropertyName("seed")]
    public required int Seed { get; init; }

    [JsonPropertyName("temperature")]
    public required double Temperature { get; init; }

    [JsonPropertyName("file_name")]
    public string? FileName { get; init; }

    [JsonPropertyName("file_sha256")]
    public string? FileSha256 { get; init; }

    [JsonPropertyName("can_explain")]
    public required bool CanExplain { get; init; }

    [JsonPropertyName("loaded_utc")]
    public required DateTimeOffset LoadedUtc { get; init; }

    [JsonPropertyName("reloads")]
    public required int Reloads { get; init; }

    [JsonPropertyName("last_reload_error")]
    public string? LastReloadError { get; init; }

    [JsonPropertyName("manifest")]
    public JsonObject? Manifest { get; init; }
}
