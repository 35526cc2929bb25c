using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SentimentKit.Hosting;

/// <summary>
/// Reads the <c>manifest.json</c> of a model file for <c>GET /model</c>: what the model is, its options and
/// checksums, never its weights. The loader has already verified the file; this reads it a second time, so the
/// manifest is kept only when it describes the model that was loaded (the file may have been replaced in between).
/// </summary>
internal static class ModelManifestFile
{
    private const string Entry = "manifest.json";

    // Far above any real manifest (a few kilobytes), far below what would let a crafted file cost memory.
    private const long MaxBytes = 1024 * 1024;

    public static JsonObject? Read(string path, ModelInfo info)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.GetEntry(Entry);
            if (entry is null || entry.Length > MaxBytes)
            {
                return null;
            }

            using var stream = entry.Open();
            var manifest = JsonNode.Parse(stream) as JsonObject;
            return manifest is not null && Describes(manifest, info) ? manifest : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    private static bool Describes(JsonObject manifest, ModelInfo info)
    {
        var labels = manifest["labels"] as JsonArray;
        var created = manifest["created_utc"]?.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(manifest["created_utc"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var c)
            ? c
            : (DateTimeOffset?)null;
        return created == info.CreatedUtc
            && labels is not null
            && labels.Select(l => l?.GetValueKind() == JsonValueKind.String ? l.GetValue<string>() : null).SequenceEqual(info.Labels);
    }
}
