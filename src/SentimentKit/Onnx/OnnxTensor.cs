using System.Globalization;

namespace SentimentKit.Onnx;

/// <summary>
/// An ONNX tensor value (<c>TensorProto</c>): an initializer or a tensor attribute. Float tensors keep their
/// values as <see cref="float"/>s and int64 tensors as <see cref="long"/>s, whichever field the file used;
/// every other element type keeps its little-endian bytes.
/// </summary>
internal sealed class OnnxTensor
{
    private OnnxTensor(string name, OnnxDataType dataType, long[] dims, float[]? floats, long[]? int64s, byte[]? raw)
    {
        Name = name;
        DataType = dataType;
        Dims = dims;
        FloatData = floats;
        Int64Data = int64s;
        RawData = raw;
    }

    /// <summary>Gets the tensor's name (an initializer's value name; may be empty in an attribute).</summary>
    public string Name { get; }

    /// <summary>Gets the element type.</summary>
    public OnnxDataType DataType { get; }

    /// <summary>Gets the shape; empty for a scalar.</summary>
    public long[] Dims { get; }

    /// <summary>Gets the values of a <see cref="OnnxDataType.Float"/> tensor, row-major; otherwise <see langword="null"/>.</summary>
    public float[]? FloatData { get; }

    /// <summary>Gets the values of an <see cref="OnnxDataType.Int64"/> tensor, row-major; otherwise <see langword="null"/>.</summary>
    public long[]? Int64Data { get; }

    /// <summary>Gets the little-endian bytes of a tensor of any other element type; otherwise <see langword="null"/>.</summary>
    public byte[]? RawData { get; }

    /// <summary>Gets the number of elements (the product of <see cref="Dims"/>).</summary>
    public long ElementCount => CountElements(Dims) ?? 0;

    /// <summary>Creates a float tensor.</summary>
    /// <exception cref="ArgumentException">The number of values is not the product of the dimensions.</exception>
    public static OnnxTensor FromFloats(string name, long[] dims, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckCount(name, dims, values.Length);
        return new OnnxTensor(name, OnnxDataType.Float, dims, values, null, null);
    }

    /// <summary>Creates an int64 tensor.</summary>
    /// <exception cref="ArgumentException">The number of values is not the product of the dimensions.</exception>
    public static OnnxTensor FromInt64s(string name, long[] dims, long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckCount(name, dims, values.Length);
        return new OnnxTensor(name, OnnxDataType.Int64, dims, null, values, null);
    }

    /// <summary>Creates a tensor of another fixed-size element type from its little-endian bytes.</summary>
    /// <exception cref="ArgumentException">The type has no fixed size, or the byte count does not fit the dimensions.</exception>
    public static OnnxTensor FromRaw(string name, OnnxDataType dataType, long[] dims, ReadOnlySpan<byte> bytes)
    {
        var size = ElementSize(dataType)
            ?? throw new ArgumentException($"Tensor {OnnxFormatException.Quote(name)}: element type {dataType} has no fixed size.", nameof(dataType));
        if (bytes.Length % size != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Tensor {OnnxFormatException.Quote(name)}: {bytes.Length} bytes are not a whole number of {size}-byte elements."), nameof(bytes));
        }

        CheckCount(name, dims, bytes.Length / size);
        return dataType switch
        {
            OnnxDataType.Float => new OnnxTensor(name, dataType, dims, LittleEndian.ToArray<float>(bytes), null, null),
            OnnxDataType.Int64 => new OnnxTensor(name, dataType, dims, null, LittleEndian.ToArray<long>(bytes), null),
            _ => new OnnxTensor(name, dataType, dims, null, null, bytes.ToArray()),
        };
    }

    /// <summary>Gets the size in bytes of one element, or <see langword="null"/> for types without a fixed size that this codec supports.</summary>
    public static int? ElementSize(OnnxDataType dataType) => dataType switch
    {
        OnnxDataType.UInt8 or OnnxDataType.Int8 or OnnxDataType.Bool => 1,
        OnnxDataType.UInt16 or OnnxDataType.Int16 or OnnxDataType.Float16 or OnnxDataType.BFloat16 => 2,
        OnnxDataType.Float or OnnxDataType.Int32 or OnnxDataType.UInt32 => 4,
        OnnxDataType.Int64 or OnnxDataType.Double or OnnxDataType.UInt64 => 8,
        _ => null,
    };

    /// <summary>Gets the product of dimensions, or <see langword="null"/> when one is negative or the product overflows.</summary>
    public static long? CountElements(ReadOnlySpan<long> dims)
    {
        long count = 1;
        foreach (var dim in dims)
        {
            if (dim < 0)
            {
                return null;
            }

            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return count;
    }

    /// <summary>Gets the values as floats, converting from double, float16 or bfloat16.</summary>
    /// <exception cref="OnnxFormatException">The tensor does not hold floating-point values.</exception>
    public float[] GetFloats()
    {
        if (FloatData is { } floats)
        {
            return floats;
        }

        var raw = RawData ?? [];
        return DataType switch
        {
            OnnxDataType.Double => LittleEndian.ToFloats<double>(raw),
            OnnxDataType.Float16 => LittleEndian.ToFloats<Half>(raw),
            OnnxDataType.BFloat16 => LittleEndian.BFloat16ToFloats(raw),
            _ => throw new OnnxFormatException($"Tensor {OnnxFormatException.Quote(Name)} holds {DataType} values, not floating-point ones."),
        };
    }

    /// <summary>Gets the values as int64s, widening smaller integer types and booleans.</summary>
    /// <exception cref="OnnxFormatException">The tensor does not hold integer values.</exception>
    public long[] GetInt64s()
    {
        if (Int64Data is { } longs)
        {
            return longs;
        }

        var raw = RawData ?? [];
        return DataType switch
        {
            OnnxDataType.Int32 => LittleEndian.ToInt64s<int>(raw),
            OnnxDataType.UInt32 => LittleEndian.ToInt64s<uint>(raw),
            OnnxDataType.Int16 => LittleEndian.ToInt64s<short>(raw),
            OnnxDataType.UInt16 => LittleEndian.ToInt64s<ushort>(raw),
            OnnxDataType.Int8 => LittleEndian.ToInt64s<sbyte>(raw),
            OnnxDataType.UInt8 or OnnxDataType.Bool => LittleEndian.ToInt64s<byte>(raw),
            OnnxDataType.UInt64 => LittleEndian.ToInt64s<ulong>(raw),
            _ => throw new OnnxFormatException($"Tensor {OnnxFormatException.Quote(Name)} holds {DataType} values, not integers."),
        };
    }

    /// <summary>Gets the values as little-endian bytes, as <c>raw_data</c> holds them.</summary>
    public byte[] GetRawBytes() => FloatData is { } floats ? LittleEndian.ToBytes<float>(floats)
        : Int64Data is { } longs ? LittleEndian.ToBytes<long>(longs)
        : RawData ?? [];

    private static void CheckCount(string name, long[] dims, long count)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dims);
        var expected = CountElements(dims)
            ?? throw new ArgumentException($"Tensor {OnnxFormatException.Quote(name)} has a negative or overflowing dimension in [{string.Join(", ", dims)}].", nameof(dims));
        if (expected != count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Tensor {OnnxFormatException.Quote(name)} has {count} values, but its dimensions [{string.Join(", ", dims)}] need {expected}."), nameof(dims));
        }
    }
}
