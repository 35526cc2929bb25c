using System.Buffers.Binary;
using SentimentKit.Data;

namespace SentimentKit.Tests.Data;

public class Crc32Tests
{
    [Fact]
    public void Compute_CheckString_IsTheStandardCheckValue()
    {
        // The check value of CRC-32/ISO-HDLC, the CRC of gzip and zip.
        Crc32.Compute("123456789"u8).Should().Be(0xCBF43926);
    }

    [Fact]
    public void Append_InPiecesOfAnyLength_MatchesTheGzipTrailer()
    {
        var data = new byte[100_003];
        new Random(5).NextBytes(data);
        var trailer = GzipFixture.Compress(data)[^8..];

        var crc = new Crc32();
        int[] sizes = [1, 7, 37, 1013];
        for (int i = 0, at = 0; at < data.Length; at += sizes[i++ % sizes.Length])
        {
            crc.Append(data.AsSpan(at, Math.Min(sizes[i % sizes.Length], data.Length - at)));
        }

        crc.Value.Should().Be(BinaryPrimitives.ReadUInt32LittleEndian(trailer));
        Crc32.Compute([]).Should().Be(0u);
    }
}
