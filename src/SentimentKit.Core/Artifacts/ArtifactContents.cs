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

    /// <summary>
    /// The section of an ensemble's file and each member as the verified contents of a single model: its manifest
    /// checked as a file's would be (labels the same as the ensemble's, no nested ensemble), its entries the ones under
    /// its prefix, with the prefix removed, each matching the member's own checksum.
    /// </summary>
    /// <exception cref="ModelFormatException">The section is missing or its parts do not fit together.</exception>
    public (EnsembleManifestSection Section, IReadOnlyList<ArtifactContents> Members) Ensemble()
    {
        var section = RequiredSection<EnsembleManifestSection>(EnsembleManifestSection.Name, "ensemble section");
        if (section.Members is null || section.Members.Count is < 1 or > EnsembleManifestSection.MaxMembers)
        {
            throw Error($"an ensemble holds 1 to {EnsembleManifestSection.MaxMembers} members; this one lists {section.Members?.Count ?? 0}.");
        }

        if (!double.IsFinite(section.Temperature) || section.Temperature <= 0)
        {
            throw Error("the ensemble's temperature must be a positive number.");
        }

        if (section.Members.Any(m => m is null || !double.IsFinite(m.Weight) || m.Weight <= 0) || Math.Abs(section.Members.Sum(m => m.Weight) - 1) > 1e-6)
        {
            throw Error("the ensemble's weights must be positive and sum to 1.");
        }

        var members = new List<ArtifactContents>(section.Members.Count);
        for (var i = 0; i < section.Members.Count; i++)
        {
            var member = section.Members[i];
            var prefix = EnsembleManifestSection.PrefixOf(i);
            if (!string.Equals(member.Prefix, prefix, StringComparison.Ordinal) || member.Manifest is null)
            {
                throw Error($"ensemble member {i} must have the prefix {prefix} and a manifest.");
            }

            var manifest = member.Manifest;
            ModelArtifactReader.CheckManifest(Path, manifest);
            if (!ModelKindNames.TryParse(manifest.Kind, out var kind) || kind == ModelKind.Ensemble)
            {
                throw Error($"ensemble member {i} is of kind '{manifest.Kind}'; a member is a single model of a kind this library knows.");
            }

            if (!manifest.Labels.SequenceEqual(Manifest.Labels, StringComparer.Ordinal))
            {
                throw Error($"ensemble member {i} has other labels than the ensemble.");
            }

            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, expected) in manifest.Sha256)
            {
                if (name.Contains('/', StringComparison.Ordinal) || name is ArtifactEntries.Manifest or ArtifactEntries.Digest
                    || !Entries.TryGetValue(prefix + name, out var bytes))
                {
                    throw Error($"ensemble member {i} lists {name}, which the file does not hold under {prefix}.");
                }

                if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), expected, StringComparison.Ordinal))
                {
                    throw Error($"the checksum of {prefix}{name} does not match its member's manifest.");
                }

                entries[name] = bytes;
            }

            members.Add(new ArtifactContents(Path, manifest with { FormatVersion = Manifest.FormatVersion }, entries, FileSha256));
        }

        return (section, members);
    }

    private const string WeightsBinding = "weights_sha256";

    /// <summary>A <see cref="ModelFormatException"/> about this file.</summary>
    public ModelFormatException Error(string reason, Exception? inner = null) => new(Path, reason, inner);

    /// <summary>A <see cref="ModelFormatException"/> about this file, its reason formatted with the invariant culture.</summary>
    public ModelFormatException Error(FormattableString reason) => new(Path, reason.ToString(CultureInfo.InvariantCulture), null);
}
