namespace SentimentKit.Onnx;

/// <summary>One named tensor of a TorchSharp state dict, as its bytes were saved (little-endian, row-major).</summary>
internal sealed class StateDictTensor
{
    /// <summary>Initializes an entry.</summary>
    public StateDictTensor(string name, TorchDataType dataType, long[] shape, byte[] data)
    {
        Name = name;
        DataType = dataType;
        Shape = shape;
        Data = data;
    }

    /// <summary>Gets the state-dict key (<c>rnn.forward.0.weight_ih_l0</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the element type.</summary>
    public TorchDataType DataType { get; }

    /// <summary>Gets the dimensions; empty for a scalar.</summary>
    public long[] Shape { get; }

    /// <summary>Gets the values' little-endian bytes.</summary>
    public byte[] Data { get; }

    /// <summary>Gets the number of elements.</summary>
    public long ElementCount => OnnxTensor.CountElements(Shape) ?? 0;

    /// <summary>Gets the size in bytes of one element of a type, or <see langword="null"/> for a type this reader does not know.</summary>
    public static int? ElementSize(TorchDataType dataType) => dataType switch
    {
        TorchDataType.Byte or TorchDataType.Int8 or TorchDataType.Bool => 1,
        TorchDataType.Int16 or TorchDataType.Float16 or TorchDataType.BFloat16 => 2,
        TorchDataType.Int32 or TorchDataType.Float32 => 4,
        TorchDataType.Int64 or TorchDataType.Float64 => 8,
        _ => null,
    };

    /// <summary>Gets the values as float32, converting from float64, float16 or bfloat16.</summary>
    /// <exception cref="InvalidDataException">The tensor is not floating-point.</exception>
    public float[] ToFloats() => DataType switch
    {
        TorchDataType.Float32 => LittleEndian.ToArray<float>(Data),
        TorchDataType.Float64 => LittleEndian.ToFloats<double>(Data),
        TorchDataType.Float16 => LittleEndian.ToFloats<Half>(Data),
        TorchDataType.BFloat16 => LittleEndian.BFloat16ToFloats(Data),
        _ => throw new InvalidDataException($"State-dict tensor '{Name}' holds {DataType} values, not floating-point ones."),
    };

    /// <summary>Gets the values as int64, widening smaller integer types and booleans.</summary>
    /// <exception cref="InvalidDataException">The tensor is not integral.</exception>
    public long[] ToInt64s() => DataType switch
    {
        TorchDataType.Int64 => LittleEndian.ToArray<long>(Data),
        TorchDataType.Int32 => LittleEndian.ToInt64s<int>(Data),
        TorchDataType.Int16 => LittleEndian.ToInt64s<short>(Data),
        TorchDataType.Int8 => LittleEndian.ToInt64s<sbyte>(Data),
        TorchDataType.Byte or TorchDataType.Bool => LittleEndian.ToInt64s<byte>(Data),
        _ => throw new InvalidDataException($"State-dict tensor '{Name}' holds {DataType} values, not integers."),
    };

    /// <summary>Gets the tensor as a <see cref="FloatTensor"/> (see <see cref="ToFloats"/>).</summary>
    public FloatTensor ToFloatTensor() => new(Shape, ToFloats());
}
