namespace SentimentKit.Onnx;

/// <summary>
/// The declared name, element type and shape of a graph input, output or intermediate value
/// (<c>ValueInfoProto</c> with a <c>TypeProto.Tensor</c>). Non-tensor types (sequences, maps) are read as
/// <see cref="OnnxDataType.Undefined"/> without a shape.
/// </summary>
internal sealed class OnnxValueInfo
{
    /// <summary>Initializes a value description.</summary>
    /// <param name="name">The value's name.</param>
    /// <param name="elementType">The tensor element type.</param>
    /// <param name="shape">The dimensions, or <see langword="null"/> when the rank is unknown.</param>
    public OnnxValueInfo(string name, OnnxDataType elementType, IReadOnlyList<OnnxDimension>? shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        ElementType = elementType;
        Shape = shape;
    }

    /// <summary>Gets the value's name.</summary>
    public string Name { get; }

    /// <summary>Gets the tensor element type.</summary>
    public OnnxDataType ElementType { get; }

    /// <summary>Gets the dimensions, or <see langword="null"/> when the rank is unknown.</summary>
    public IReadOnlyList<OnnxDimension>? Shape { get; }

    /// <summary>Gets or sets the documentation string (optional).</summary>
    public string? DocString { get; set; }
}
