using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using SentimentKit.Evaluation;

namespace SentimentKit.Artifacts;

/// <summary>A verified model artifact: its manifest and the bytes of every entry the manifest lists, checksums matched.</summary>
internal sealed class ArtifactContents(string path, ModelManifest manifest, IReadOnlyDictionary<string, byte[]> entries, string fileSha256)
{
    public string Path { get; } = path;

    /// <summary>Gets the SHA-256 of the whole file (lower-case hex).</summary>
    public string FileSha256 { get; } = fileSha256;

    public ModelManifest Manifest { get; } = manifest;

    public IReadOnlyDictionary<string, byte[]> Entries { get; } = entries;

    /// <summary>The bytes of a required entry, as a read-only stream.</summary>
    public MemoryStream Open(string name) =>
        Entries.TryGetValue(name, out var bytes)
            ? new MemoryStream(bytes, writable: false)
            : throw Error($"the manifest lists no checksum for {name}.");

    /// <summary>The size of a required entry in bytes.</summary>
    public long Length(string name) => Entries.TryGetValue(name, out var bytes) ? bytes.LongLength : throw Error($"it has no {name}.");

    /// <summary>A family section of the manifest; a <see cref="ModelFormatException"/> when it is missing.</summary>
    public T RequiredSection<T>(string name, string what)
        where T : class
    {
        try
        {
            return Manifest.Section<T>(name) ?? throw Error($"the manifest has no {what}.");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(Path, $"the manifest's {what} are unreadable ({e.Message.Split('\n')[0]}).", e);
        }
    }

    /// <summary>
    /// The temperature scaling stored with the model, if any. From format 2 on, calibration.json names the SHA-256 of the
    /// weights it was fitted for, so that another model's calibration cannot be put in its place.
    /// </summary>
    public TemperatureScaling? Calibration()
    {
        if (!Entries.TryGetValue(ArtifactEntries.Calibration, out var bytes))
        {
            return null;
        }

        var node = JsonNode.Parse(bytes) as JsonObject ?? throw Error("calibration.json is not a JSON object.");
        var boundTo = node[WeightsBinding]?.GetValue<string>();
        if (boundTo is not null || Manifest.FormatVersion >= 2)
        {
            var weights = Convert.ToHexStringLower(SHA256.HashData(Entries[ArtifactEntries.Weights]));
            if (!string.Equals(boundTo, weights, StringComparison.Ordinal))
            {
                throw Error("calibration.json was fitted for other weights than this file's (a part was swapped).");
            }
        }

        node.Remove(WeightsBinding);
        var calibration = node.Deserialize<TemperatureScaling>(ArtifactJson.Options);
        return calibration is not null && double.IsFinite(calibration.Temperature) && calibration.Temperature > 0
            ? calibration
            : throw Error("calibration.json holds no positive temperature.");
    }

    /// <summary>The calibration.json of a model: the temperature scaling, bound to the SHA-256 of the weights it was fitted for.</summary>
    public static byte[] SerializeCalibration(TemperatureScaling calibration, byte[] weights)
    {
        var node = JsonSerializer.SerializeToNode(calibration, ArtifactJson.Options)!.AsObject();
        node[WeightsBinding] = Convert.ToHexStringLower(SHA256.HashData(weights));
        return JsonSerializer.SerializeToUtf8Bytes(node, ArtifactJson.Options);
    }

    private const string WeightsBinding = "weights_sha256";

    /// <summary>A <see cref="ModelFormatException"/> about this file.</summary>
    public ModelFormatException Error(string reason, Exception? inner = null) => new(Path, reason, inner);

    /// <summary>A <see cref="ModelFormatException"/> about this file, its reason formatted with the invariant culture.</summary>
    public ModelFormatException Error(FormattableString reason) => new(Path, reason.ToString(CultureInfo.InvariantCulture), null);
}
