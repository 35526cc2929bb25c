using System.IO.Compression;
using System.Text;

namespace SentimentKit.Tests.Data;

/// <summary>Builds gzip data for the tests: whole, in several members, with optional header fields, or damaged.</summary>
internal static class GzipFixture
{
    public static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Compress(string text) => Compress(Encoding.UTF8.GetBytes(text));

    /// <summary>The data cut in <paramref name="parts"/> pieces, each its own gzip member, concatenated (as <c>cat a.gz b.gz</c> makes).</summary>
    public static byte[] CompressInMembers(byte[] data, int parts)
    {
        var size = (data.Length + parts - 1) / parts;
        return [.. data.Chunk(size).SelectMany(Compress)];
    }

    /// <summary>
    /// One member whose header carries every optional field: FEXTRA, FNAME, FCOMMENT and FHCRC (the header CRC is
    /// not checked by readers that skip it, so any two bytes do).
    /// </summary>
    public static byte[] CompressWithHeaderFields(byte[] data)
    {
        var plain = Compress(data);
        byte[] extra = [4, 0, (byte)'a', (byte)'b', 2, 0];
        return
        [
            0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, .. plain[4..10],
            .. extra,
            .. "reviews.csv"u8, 0,
            .. "a comment"u8, 0,
            0x12, 0x34,
            .. plain[10..],
        ];
    }

    public static byte[] Flip(byte[] data, int index, byte mask = 0x55)
    {
        var copy = (byte[])data.Clone();
        copy[index] ^= mask;
        return copy;
    }
}
