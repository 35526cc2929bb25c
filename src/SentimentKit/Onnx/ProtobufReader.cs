using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// Reads protobuf wire format from one message's bytes. Every length is checked against the bytes that remain
/// before anything is allocated, so a hostile file can make it fail but never allocate more than the file's size.
/// Failures are <see cref="OnnxFormatException"/>s that name the message and the byte offset in the file.
/// </summary>
internal ref struct ProtobufReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>Initializes a reader over a message's bytes.</summary>
    /// <param name="data">The message's bytes.</param>
    /// <param name="baseOffset">Where <paramref name="data"/> starts in the file, for error messages.</param>
    /// <param name="message">The message type being read, for error messages.</param>
    public ProtobufReader(ReadOnlySpan<byte> data, int baseOffset, string message)
    {
        _data = data;
        _baseOffset = baseOffset;
        Message = message;
    }

    /// <summary>Gets the message type being read.</summary>
    public string Message { get; }

    /// <summary>Gets the offset in the file of the next byte to read.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>Reads the next field's tag.</summary>
    /// <returns><see langword="false"/> at the end of the message.</returns>
    public bool TryReadTag(out int field, out WireType wireType)
    {
        field = 0;
        wireType = WireType.Varint;
        if (_position >= _data.Length)
        {
            return false;
        }

        var start = Offset;
        var tag = ReadVarint();
        var number = tag >> 3;
        // Field numbers are at most 2^29 - 1 by the protobuf specification.
        if (number == 0 || number > 0x1FFF_FFFF)
        {
            throw Fail($"field number {number}", start);
        }

        var type = (int)(tag & 7);
        if (type is 6 or 7)
        {
            throw Fail($"wire type {type} (bad wire type) on field {number}", start);
        }

        field = (int)number;
        wireType = (WireType)type;
        return true;
    }

    /// <summary>Reads a base-128 varint (at most ten bytes).</summary>
    public ulong ReadVarint()
    {
        var start = Offset;
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Truncated("varint", start);
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw Fail("varint longer than ten bytes", start);
    }

    /// <summary>Reads an int64 field value.</summary>
    public long ReadInt64() => (long)ReadVarint();

    /// <summary>Reads an int32 or enum field value; protobuf writes negative ones as ten-byte varints.</summary>
    public int ReadInt32() => unchecked((int)ReadVarint());

    /// <summary>Reads four little-endian bytes as a float.</summary>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "fixed32"));

    /// <summary>Reads eight little-endian bytes as a double.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "fixed64"));

    /// <summary>Reads a length-delimited field's bytes (no copy).</summary>
    public ReadOnlySpan<byte> ReadBytes() => ReadBytes(out _);

    /// <summary>Reads a length-delimited field's bytes (no copy) and where they start in the file.</summary>
    public ReadOnlySpan<byte> ReadBytes(out int offset)
    {
        var start = Offset;
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Truncated(string.Create(CultureInfo.InvariantCulture, $"length {length}"), start);
        }

        offset = Offset;
        return Take((int)length, "bytes");
    }

    /// <summary>Reads a UTF-8 string field.</summary>
    public string ReadString()
    {
        var bytes = ReadBytes(out var offset);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Fail("string that is not valid UTF-8", offset);
        }
    }

    /// <summary>Reads an embedded message: a reader over its bytes.</summary>
    /// <param name="message">The embedded message's type, for error messages.</param>
    public ProtobufReader ReadMessage(string message)
    {
        var bytes = ReadBytes(out var offset);
        return new ProtobufReader(bytes, offset, message);
    }

    /// <summary>Fails unless the field has the expected wire type.</summary>
    public readonly void Expect(int field, WireType actual, WireType expected)
    {
        if (actual != expected)
        {
            throw Fail($"wire type {(int)actual} (bad wire type; expected {(int)expected}) on field {field}", Offset);
        }
    }

    /// <summary>Skips a field this reader does not read.</summary>
    public void Skip(int field, WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8, "fixed64");
                break;
            case WireType.LengthDelimited:
                ReadBytes();
                break;
            case WireType.Fixed32:
                Take(4, "fixed32");
                break;
            default:
                // Groups were deprecated before ONNX existed; no ONNX writer emits them.
                throw Fail($"group (wire type {(int)wireType}) on field {field}", Offset);
        }
    }

    /// <summary>Reads a repeated varint field, packed or one value per tag (proto2 writes both forms).</summary>
    public void ReadRepeatedInt64(WireType wireType, int field, List<long> values)
    {
        if (wireType == WireType.Varint)
        {
            values.Add(ReadInt64());
            return;
        }

        Expect(field, wireType, WireType.LengthDelimited);
        var packed = ReadMessage(Message);
        // Every varint ends with one byte below 0x80: count them before allocating.
        values.EnsureCapacity(values.Count + CountVarints(packed._data));
        while (packed._position < packed._data.Length)
        {
            values.Add(packed.ReadInt64());
        }
    }

    /// <summary>Reads a repeated float (fixed32) or double (fixed64) field, packed or one value per tag.</summary>
    public void ReadRepeatedFixed<T>(WireType wireType, int field, List<T> values)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        ReadOnlySpan<byte> bytes;
        int offset;
        if (wireType == (size == 4 ? WireType.Fixed32 : WireType.Fixed64))
        {
            offset = Offset;
            bytes = Take(size, size == 4 ? "fixed32" : "fixed64");
        }
        else
        {
            Expect(field, wireType, WireType.LengthDelimited);
            bytes = ReadBytes(out offset);
        }

        if (bytes.Length % size != 0)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"packed {size}-byte values in {bytes.Length} bytes"), offset);
        }

        values.AddRange(LittleEndian.ToArray<T>(bytes));
    }

    /// <summary>Builds a failure that names this message and an offset.</summary>
    public readonly OnnxFormatException Fail(string what, int offset) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Malformed ONNX: {what} in {Message} at byte {offset}."));

    /// <summary>Builds a failure that names this message, without an offset.</summary>
    public readonly OnnxFormatException Fail(string what) => new($"Malformed ONNX: {what} in {Message}.");

    private readonly OnnxFormatException Truncated(string what, int offset) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Truncated ONNX: {what} in {Message} at byte {offset} runs past the end of its data."));

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > _data.Length - _position)
        {
            throw Truncated(what, Offset);
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static int CountVarints(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        foreach (var b in bytes)
        {
            if (b < 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
