using System.Globalization;
using System.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// A TorchSharp state dict read in managed code, without TorchSharp: the bytes that <c>Module.save(BinaryWriter)</c>
/// writes (the artifact's <c>weights.bin</c>).
/// </summary>
/// <remarks>
/// The format, from TorchSharp's <c>Module.save</c> and <c>TensorExtensionMethods.Save</c>: the number of entries
/// as an unsigned LEB128 varint; then per entry the key as a .NET <c>BinaryWriter</c> string (a 7-bit-encoded
/// byte length and UTF-8 bytes), the <c>ScalarType</c> as a varint, the rank as a varint, each dimension as a
/// varint, and the elements' bytes as they lie in memory (little-endian, row-major). Nothing follows the last entry.
/// </remarks>
internal sealed class TorchStateDict
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, StateDictTensor> _byName;

    private TorchStateDict(List<StateDictTensor> tensors)
    {
        Tensors = tensors;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the entries in file order (the module's registration order).</summary>
    public IReadOnlyList<StateDictTensor> Tensors { get; }

    /// <summary>Gets an entry by key.</summary>
    /// <exception cref="KeyNotFoundException">There is no such key.</exception>
    public StateDictTensor this[string name] => _byName.TryGetValue(name, out var tensor)
        ? tensor
        : throw new KeyNotFoundException($"The state dict has no tensor {OnnxFormatException.Quote(name)}.");

    /// <summary>Reads a state dict.</summary>
    /// <param name="bytes">Everything <c>Module.save(BinaryWriter)</c> wrote.</param>
    /// <exception cref="InvalidDataException">The bytes are malformed, truncated or followed by more bytes.</exception>
    public static TorchStateDict Read(ReadOnlySpan<byte> bytes)
    {
        var cursor = new Cursor(bytes);
        var count = cursor.ReadLeb128("the entry count");
        // An entry takes at least three bytes (key length, type, rank): bound the count before trusting it.
        if (count > (ulong)bytes.Length / 3)
        {
            throw cursor.Fail(string.Create(CultureInfo.InvariantCulture, $"{count} entries cannot fit in {bytes.Length} bytes"));
        }

        var tensors = new List<StateDictTensor>((int)count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ulong entry = 0; entry < count; entry++)
        {
            var tensor = ReadTensor(ref cursor);
            if (!names.Add(tensor.Name))
            {
                throw cursor.Fail($"the key {OnnxFormatException.Quote(tensor.Name)} appears twice");
            }

            tensors.Add(tensor);
        }

        if (!cursor.AtEnd)
        {
            throw cursor.Fail(string.Create(CultureInfo.InvariantCulture, $"{cursor.Remaining} unexpected bytes after the last of {count} entries"));
        }

        return new TorchStateDict(tensors);
    }

    /// <summary>Reads a state dict from the rest of a stream.</summary>
    /// <exception cref="InvalidDataException">The bytes are malformed, truncated or followed by more bytes.</exception>
    public static TorchStateDict Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Gets whether there is an entry with this key.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Converts every floating-point entry to a <see cref="FloatTensor"/>, keyed by name.</summary>
    public Dictionary<string, FloatTensor> ToFloatTensors()
    {
        var floats = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        foreach (var tensor in Tensors)
        {
            if (tensor.DataType is TorchDataType.Float32 or TorchDataType.Float64 or TorchDataType.Float16 or TorchDataType.BFloat16)
            {
                floats[tensor.Name] = tensor.ToFloatTensor();
            }
        }

        return floats;
    }

    private static StateDictTensor ReadTensor(ref Cursor cursor)
    {
        var name = cursor.ReadString();
        var quoted = OnnxFormatException.Quote(name);
        var typeCode = cursor.ReadLeb128($"the type of {quoted}");
        var dataType = (TorchDataType)Math.Min(typeCode, int.MaxValue);
        var size = typeCode <= int.MaxValue ? StateDictTensor.ElementSize(dataType) : null;
        if (size is null)
        {
            throw cursor.Fail(string.Create(CultureInfo.InvariantCulture, $"{quoted} has element type {typeCode}, which this reader does not know"));
        }

        var rank = cursor.ReadLeb128($"the rank of {quoted}");
        if (rank > (ulong)cursor.Remaining)
        {
            throw cursor.Fail(string.Create(CultureInfo.InvariantCulture, $"{quoted} claims rank {rank}, more than the bytes left"));
        }

        var shape = new long[rank];
        ulong elements = 1;
        for (var d = 0; d < shape.Length; d++)
        {
            var dim = cursor.ReadLeb128($"a dimension of {quoted}");
            // The running product stays within the bytes left, so it cannot overflow.
            if (dim != 0 && elements > (ulong)cursor.Remaining / dim)
            {
                elements = ulong.MaxValue;
                shape[d] = long.MaxValue;
                break;
            }

            shape[d] = (long)dim;
            elements *= dim;
        }

        if (elements > (ulong)cursor.Remaining / (ulong)size.Value)
        {
            throw cursor.Fail($"{quoted} needs more data than the bytes left (truncated)");
        }

        var data = cursor.Take((int)elements * size.Value, $"the data of {quoted}");
        return new StateDictTensor(name, dataType, shape, data.ToArray());
    }

    private ref struct Cursor(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public readonly bool AtEnd => _position == _bytes.Length;

        public readonly int Remaining => _bytes.Length - _position;

        public ulong ReadLeb128(string what)
        {
            var start = _position;
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _bytes.Length)
                {
                    throw Fail($"{what} is cut off (truncated)", start);
                }

                var b = _bytes[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    // TorchSharp writes non-negative longs: at most 63 bits.
                    return value <= long.MaxValue ? value : throw Fail($"{what} is out of range", start);
                }
            }

            throw Fail($"{what} is longer than ten bytes", start);
        }

        public string ReadString()
        {
            var start = _position;
            var length = ReadLeb128("a key length");
            if (length > int.MaxValue)
            {
                throw Fail("a key length is out of range", start);
            }

            var bytes = Take((int)length, "a key");
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Fail("a key is not valid UTF-8", start);
            }
        }

        public ReadOnlySpan<byte> Take(int count, string what)
        {
            if (count > Remaining)
            {
                throw Fail($"{what} is cut off (truncated)", _position);
            }

            var slice = _bytes.Slice(_position, count);
            _position += count;
            return slice;
        }

        public readonly InvalidDataException Fail(string what) => Fail(what, _position);

        private static InvalidDataException Fail(string what, int offset) =>
            new(string.Create(CultureInfo.InvariantCulture, $"Malformed TorchSharp state dict: {what} at byte {offset}."));
    }
}
