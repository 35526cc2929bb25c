namespace SentimentKit.Onnx;

/// <summary>
/// The element types a TorchSharp state dict records, numbered as TorchSharp's <c>ScalarType</c> (which
/// follows libtorch's <c>c10::ScalarType</c>); those numbers are what <c>Module.save</c> writes.
/// </summary>
internal enum TorchDataType
{
    /// <summary>Unsigned 8-bit integer.</summary>
    Byte = 0,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 1,

    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 2,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 3,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 4,

    /// <summary>16-bit IEEE 754 half-precision float.</summary>
    Float16 = 5,

    /// <summary>32-bit IEEE 754 float.</summary>
    Float32 = 6,

    /// <summary>64-bit IEEE 754 float.</summary>
    Float64 = 7,

    /// <summary>Boolean, one byte per element.</summary>
    Bool = 11,

    /// <summary>The upper half of a 32-bit float.</summary>
    BFloat16 = 15,
}
