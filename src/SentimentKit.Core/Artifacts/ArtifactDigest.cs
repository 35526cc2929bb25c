using System.Security.Cryptography;
using System.Text;

namespace SentimentKit.Artifacts;

/// <summary>
/// The digest of a model file: SHA-256 over one line per entry — <c>name SP sha256(bytes) LF</c>, names in ordinal
/// order — so that it does not depend on how the zip stores or orders entries.
/// </summary>
internal static class ArtifactDigest
{
    public const string Prefix = "sha256:";

    public static string Compute(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        var lines = new StringBuilder();
        foreach (var (name, bytes) in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            lines.Append(name).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(bytes))).Append('\n');
        }

        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }
}
