namespace SentimentKit.Onnx;

/// <summary>
/// One dimension of a declared tensor shape (<c>TensorShapeProto.Dimension</c>): a fixed size, a named
/// dynamic size (<c>batch</c>), or neither (unknown).
/// </summary>
/// <param name="Value">The fixed size, or <see langword="null"/>.</param>
/// <param name="Param">The name of a dynamic size, or <see langword="null"/>.</param>
internal readonly record struct OnnxDimension(long? Value, string? Param)
{
    /// <summary>Creates a fixed dimension.</summary>
    public static OnnxDimension Fixed(long value) => new(value, null);

    /// <summary>Creates a named dynamic dimension.</summary>
    public static OnnxDimension Dynamic(string name) => new(null, name);

    /// <inheritdoc/>
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Param ?? "?";
}
