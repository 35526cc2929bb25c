using System.Buffers.Binary;

namespace SentimentKit.Data;

/// <summary>
/// The CRC-32 of gzip and zip (IEEE 802.3, reflected polynomial 0xEDB88320), computed eight bytes at a time.
/// </summary>
/// <remarks>
/// Written here because the BCL has no public CRC-32 and System.IO.Hashing would be a package dependency of the
/// core for one checksum. Eight tables (8 KiB) make it fast enough that checking a gzip trailer costs little next
/// to inflating the data.
/// </remarks>
internal struct Crc32
{
    private static readonly uint[] Tables = BuildTables();

    private uint _state;

    public Crc32() => _state = uint.MaxValue;

    /// <summary>Gets the checksum of the bytes appended so far.</summary>
    public readonly uint Value => ~_state;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Append(data);
        return crc.Value;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        var table = Tables.AsSpan();
        var crc = _state;
        while (data.Length >= 8)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = table[(7 * 256) + (int)(low & 0xFF)]
                ^ table[(6 * 256) + (int)((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + (int)((low >> 16) & 0xFF)]
                ^ table[(4 * 256) + (int)(low >> 24)]
                ^ table[(3 * 256) + (int)(high & 0xFF)]
                ^ table[(2 * 256) + (int)((high >> 8) & 0xFF)]
                ^ table[256 + (int)((high >> 16) & 0xFF)]
                ^ table[(int)(high >> 24)];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = table[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        }

        _state = crc;
    }

    private static uint[] BuildTables()
    {
        // Table k maps a byte to its CRC after k more zero bytes, so eight table lookups advance eight bytes.
        var tables = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            tables[n] = c;
        }

        for (var k = 1; k < 8; k++)
        {
            for (var n = 0; n < 256; n++)
            {
                var previous = tables[((k - 1) * 256) + n];
                tables[(k * 256) + n] = tables[(int)(previous & 0xFF)] ^ (previous >> 8);
            }
        }

        return tables;
    }
}
