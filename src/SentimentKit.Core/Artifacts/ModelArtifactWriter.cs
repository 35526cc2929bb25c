using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace SentimentKit.Artifacts;

/// <summary>Writes a <c>.skm</c> file atomically: the manifest with the SHA-256 of every other entry, then the entries.</summary>
internal static class ModelArtifactWriter
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The version a manifest is written with: multi-label models need a reader that knows the task.</summary>
    public static int FormatVersionOf(ModelManifest manifest) =>
        manifest.ClassificationTask == ClassificationTask.MultiLabel ? ArtifactEntries.MultiLabelFormatVersion : ArtifactEntries.FormatVersion;

    /// <summary>Writes the artifact to a temporary file beside <paramref name="path"/>, then renames it over the target.</summary>
    public static void Write(string path, ModelManifest manifest, IReadOnlyList<(string Name, byte[] Bytes)> entries)
    {
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(Seal(manifest, entries), ArtifactJson.Options);
        var all = new List<(string Name, byte[] Bytes)>(entries.Count + 1) { (ArtifactEntries.Manifest, manifestBytes) };
        all.AddRange(entries);
        var digest = System.Text.Encoding.ASCII.GetBytes(ArtifactDigest.Compute(all) + "\n");
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            Add(zip, ArtifactEntries.Digest, digest);
            foreach (var (name, bytes) in all)
            {
                Add(zip, name, bytes);
            }
        });
    }

    /// <summary>The manifest as this format writes it: the current format version and the SHA-256 of every entry.</summary>
    public static ModelManifest Seal(ModelManifest manifest, IReadOnlyList<(string Name, byte[] Bytes)> entries) =>
        manifest with
        {
            FormatVersion = FormatVersionOf(manifest),
            Sha256 = entries.ToDictionary(e => e.Name, e => Convert.ToHexStringLower(SHA256.HashData(e.Bytes)), StringComparer.Ordinal),
        };

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        // Weights compress little; fixed timestamps keep the same model byte-for-byte the same file.
        var entry = zip.CreateEntry(name, ArtifactEntries.BaseName(name) == ArtifactEntries.Weights ? CompressionLevel.Fastest : CompressionLevel.Optimal);
        entry.LastWriteTime = FixedTime;
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
