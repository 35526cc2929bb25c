using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace SentimentKit.Artifacts;

/// <summary>
/// Reads a <c>.skm</c> file and verifies it before anything is built from it: a zip of at most
/// <see cref="ArtifactEntries.MaxEntries"/> entries, a manifest of a known format version, every listed entry
/// present, within its size limit and matching its SHA-256, and a sane label list. Only JSON and raw data are
/// read; nothing in the file names a type or code to run.
/// </summary>
internal static class ModelArtifactReader
{
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid model artifact.</exception>
    public static ArtifactContents Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new ModelFormatException(path, "it is a folder, not a model file.", null);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model '{path}' does not exist.", path);
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new ModelFormatException(path, "the file is empty.", null);
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > ArtifactEntries.MaxEntries)
            {
                throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"it has {zip.Entries.Count} entries; a model has at most {ArtifactEntries.MaxEntries}."), null);
            }

            // Every entry is read (within its size limit) and the digest checked before any of them is parsed.
            var all = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (!all.TryAdd(entry.FullName, ReadEntry(path, zip, entry.FullName, MaxBytes(entry.FullName))))
                {
                    throw new ModelFormatException(path, $"it holds {entry.FullName} twice.", null);
                }
            }

            var digested = all.Remove(ArtifactEntries.Digest, out var digest);
            if (digested && !string.Equals(System.Text.Encoding.ASCII.GetString(digest!).Trim(), ArtifactDigest.Compute(all.Select(p => (p.Key, p.Value))), StringComparison.Ordinal))
            {
                throw new ModelFormatException(path, "its digest does not match its entries (the file is corrupt, or a part was changed or swapped).", null);
            }

            var manifest = JsonSerializer.Deserialize<ModelManifest>(all.TryGetValue(ArtifactEntries.Manifest, out var manifestBytes) ? manifestBytes : throw new ModelFormatException(path, $"it has no {ArtifactEntries.Manifest}.", null), ArtifactJson.Options)
                ?? throw new ModelFormatException(path, "manifest.json is empty.", null);
            if (manifest.FormatVersion is < 1 or > ArtifactEntries.NewestFormatVersion)
            {
                throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"its format version is {manifest.FormatVersion}; this library reads versions 1 to {ArtifactEntries.NewestFormatVersion}."), null);
            }

            if (!digested && manifest.FormatVersion >= 2)
            {
                throw new ModelFormatException(path, $"it has no {ArtifactEntries.Digest} (every file of format 2 carries one).", null);
            }

            CheckManifest(path, manifest);
            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, expected) in manifest.Sha256)
            {
                if (name is ArtifactEntries.Manifest or ArtifactEntries.Digest)
                {
                    throw new ModelFormatException(path, $"the manifest lists a checksum of {name}.", null);
                }

                var bytes = all.TryGetValue(name, out var found) ? found : throw new ModelFormatException(path, $"it has no {name}.", null);
                if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), expected, StringComparison.Ordinal))
                {
                    throw new ModelFormatException(path, $"the checksum of {name} does not match the manifest (the file is corrupt or was altered).", null);
                }

                entries[name] = bytes;
            }

            string fileSha256;
            using (var file = File.OpenRead(path))
            {
                fileSha256 = Convert.ToHexStringLower(SHA256.HashData(file));
            }

            return new ArtifactContents(path, manifest, entries, fileSha256);
        }
        catch (ModelFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or NotSupportedException or ArgumentException)
        {
            throw new ModelFormatException(path, $"it is not a readable SentimentKit model ({e.Message.Split('\n')[0]}).", e);
        }
    }

    /// <summary>Checks what every manifest must hold (a single model's, or an ensemble member's): checksums, labels, normalizer, kind.</summary>
    /// <exception cref="ModelFormatException">Something is missing or out of bounds.</exception>
    internal static void CheckManifest(string path, ModelManifest manifest)
    {
        CheckTask(path, manifest);
        // An ensemble's weights are its members', under their prefixes (checked when its members are read).
        var ensemble = ModelKindNames.TryParse(manifest.Kind, out var kind) && kind == ModelKind.Ensemble;
        if (manifest.Sha256 is null || manifest.Sha256.Count == 0 || (!ensemble && !manifest.Sha256.ContainsKey(ArtifactEntries.Weights)))
        {
            throw new ModelFormatException(path, $"the manifest lists no checksum for {ArtifactEntries.Weights}.", null);
        }

        if (manifest.Labels is null || manifest.Labels.Count < 2 || manifest.Labels.Count > ArtifactEntries.MaxLabels)
        {
            throw new ModelFormatException(path, "the manifest must list between 2 and 100,000 labels.", null);
        }

        if (manifest.Labels.Distinct(StringComparer.Ordinal).Count() != manifest.Labels.Count || manifest.Labels.Any(string.IsNullOrEmpty))
        {
            throw new ModelFormatException(path, "the manifest's labels must be distinct and non-empty.", null);
        }

        if (manifest.Normalizer is null)
        {
            throw new ModelFormatException(path, "the manifest has no normalizer settings.", null);
        }

        if (string.IsNullOrEmpty(manifest.Kind))
        {
            throw new ModelFormatException(path, "the manifest names no model kind.", null);
        }
    }

    private static long MaxBytes(string name) => ArtifactEntries.BaseName(name) switch
    {
        ArtifactEntries.Weights => ArtifactEntries.MaxWeightsBytes,
        ArtifactEntries.Manifest or ArtifactEntries.Digest => ArtifactEntries.MaxManifestBytes,
        _ => ArtifactEntries.MaxJsonBytes,
    };

    private static byte[] ReadEntry(string path, ZipArchive zip, string name, long maxBytes)
    {
        var entry = zip.GetEntry(name) ?? throw new ModelFormatException(path, $"it has no {name}.", null);
        if (entry.Length > maxBytes)
        {
            throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"{name} is {entry.Length} bytes; at most {maxBytes} are read."), null);
        }

        using var stream = entry.Open();
        var bytes = new byte[entry.Length];
        stream.ReadExactly(bytes);
        if (stream.ReadByte() != -1)
        {
            throw new ModelFormatException(path, $"{name} is longer than its zip header says.", null);
        }

        return bytes;
    }

    // A task this library does not know, or a multi-label model without its section or at another version, is refused
    // before anything is built: scoring it with the wrong head would give wrong answers, not an error.
    private static void CheckTask(string path, ModelManifest manifest)
    {
        if (manifest.Task is null)
        {
            if (manifest.FormatVersion >= ArtifactEntries.MultiLabelFormatVersion)
            {
                throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"its format version is {manifest.FormatVersion} but its manifest names no task."), null);
            }

            return;
        }

        if (manifest.Task != MultiLabelSection.Task)
        {
            throw new ModelFormatException(path, $"its task '{manifest.Task}' is not one this library knows ({MultiLabelSection.Task}, or none for single-label).", null);
        }

        if (manifest.FormatVersion != ArtifactEntries.MultiLabelFormatVersion)
        {
            throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"it is multi-label but of format version {manifest.FormatVersion} (multi-label models are version {ArtifactEntries.MultiLabelFormatVersion})."), null);
        }

        var section = manifest.Section<MultiLabelSection>(MultiLabelSection.Name)
            ?? throw new ModelFormatException(path, $"it is multi-label but its manifest has no {MultiLabelSection.Name} section.", null);
        if (section.Problem(manifest.Labels?.Count ?? 0) is { } problem)
        {
            throw new ModelFormatException(path, problem + ".", null);
        }
    }
}
