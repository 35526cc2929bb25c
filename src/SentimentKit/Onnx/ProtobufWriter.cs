using System.Buffers.Binary;
using System.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// Writes protobuf wire format into one growing buffer. An embedded message is written in place after a
/// five-byte gap for its length, then moved back over the unused part of the gap: no per-message buffers and
/// canonical (shortest) length prefixes.
/// </summary>
internal sealed class ProtobufWriter
{
    // Protobuf messages are limited to 2 GiB; one more byte than that is never written.
    private const int MaxLengthPrefix = 5;

    private byte[] _buffer = new byte[1024];
    private int _length;

    /// <summary>Gets the number of bytes written.</summary>
    public int Length => _length;

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Writes a varint field (int32, int64, enum).</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireType.Varint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>Writes a float field.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireType.Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
    }

    /// <summary>Writes a string field; nothing when <paramref name="value"/> is <see langword="null"/>.</summary>
    public void WriteString(int field, string? value)
    {
        if (value is null)
        {
            return;
        }

        WriteTag(field, WireType.LengthDelimited);
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>Writes a bytes field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireType.LengthDelimited);
        WriteVarint((ulong)value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>Writes a repeated int64 field one value per tag, as proto2 writes fields not marked packed.</summary>
    public void WriteRepeatedInt64(int field, ReadOnlySpan<long> values)
    {
        foreach (var value in values)
        {
            WriteInt64(field, value);
        }
    }

    /// <summary>Writes a repeated float field one value per tag.</summary>
    public void WriteRepeatedFloat(int field, ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            WriteFloat(field, value);
        }
    }

    /// <summary>Writes an embedded message whose body <paramref name="writeBody"/> writes.</summary>
    public void WriteMessage<TState>(int field, TState state, Action<ProtobufWriter, TState> writeBody)
    {
        WriteTag(field, WireType.LengthDelimited);
        var gap = _length;
        Reserve(MaxLengthPrefix);
        var bodyStart = _length;
        writeBody(this, state);
        var bodyLength = _length - bodyStart;
        Span<byte> prefix = stackalloc byte[MaxLengthPrefix];
        var prefixLength = EncodeVarint((ulong)bodyLength, prefix);
        prefix[..prefixLength].CopyTo(_buffer.AsSpan(gap));
        if (prefixLength < MaxLengthPrefix)
        {
            // Span copies handle the overlap of moving the body back.
            _buffer.AsSpan(bodyStart, bodyLength).CopyTo(_buffer.AsSpan(gap + prefixLength));
            _length -= MaxLengthPrefix - prefixLength;
        }
    }

    /// <summary>Gets a copy of the bytes written.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    private void WriteTag(int field, WireType wireType) => WriteVarint(((ulong)(uint)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        Span<byte> bytes = stackalloc byte[10];
        var count = EncodeVarint(value, bytes);
        bytes[..count].CopyTo(Reserve(count));
    }

    private static int EncodeVarint(ulong value, Span<byte> destination)
    {
        var count = 0;
        while (value >= 0x80)
        {
            destination[count++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[count++] = (byte)value;
        return count;
    }

    private Span<byte> Reserve(int count)
    {
        var needed = (long)_length + count;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException("The ONNX model would exceed protobuf's 2 GiB limit.");
        }

        if (needed > _buffer.Length)
        {
            var capacity = (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_buffer.Length * 2));
            Array.Resize(ref _buffer, capacity);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
