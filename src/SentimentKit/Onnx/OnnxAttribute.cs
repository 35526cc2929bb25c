using System.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// A named node attribute (<c>AttributeProto</c>). Exactly the value that <see cref="Type"/> names is set;
/// subgraph and sparse values are not kept by this codec (their <see cref="Type"/> is, so that a reader can
/// tell that they were there).
/// </summary>
internal sealed class OnnxAttribute
{
    /// <summary>Initializes an attribute; prefer the factory methods.</summary>
    public OnnxAttribute(string name, OnnxAttributeType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Type = type;
    }

    /// <summary>Gets the attribute name.</summary>
    public string Name { get; }

    /// <summary>Gets which value is set.</summary>
    public OnnxAttributeType Type { get; }

    /// <summary>Gets or sets the value of a <see cref="OnnxAttributeType.Float"/> attribute.</summary>
    public float Float { get; set; }

    /// <summary>Gets or sets the value of an <see cref="OnnxAttributeType.Int"/> attribute.</summary>
    public long Int { get; set; }

    /// <summary>Gets or sets the bytes of a <see cref="OnnxAttributeType.String"/> attribute.</summary>
    public byte[] Bytes { get; set; } = [];

    /// <summary>Gets or sets the value of a <see cref="OnnxAttributeType.Tensor"/> attribute.</summary>
    public OnnxTensor? Tensor { get; set; }

    /// <summary>Gets or sets the values of a <see cref="OnnxAttributeType.Floats"/> attribute.</summary>
    public float[] Floats { get; set; } = [];

    /// <summary>Gets or sets the values of an <see cref="OnnxAttributeType.Ints"/> attribute.</summary>
    public long[] Ints { get; set; } = [];

    /// <summary>Gets or sets the values of a <see cref="OnnxAttributeType.Strings"/> attribute.</summary>
    public IReadOnlyList<byte[]> Strings { get; set; } = [];

    /// <summary>Gets the value of a <see cref="OnnxAttributeType.String"/> attribute as text (invalid UTF-8 becomes U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>Creates an int attribute.</summary>
    public static OnnxAttribute FromInt(string name, long value) => new(name, OnnxAttributeType.Int) { Int = value };

    /// <summary>Creates a float attribute.</summary>
    public static OnnxAttribute FromFloat(string name, float value) => new(name, OnnxAttributeType.Float) { Float = value };

    /// <summary>Creates a UTF-8 string attribute.</summary>
    public static OnnxAttribute FromString(string name, string value) => new(name, OnnxAttributeType.String) { Bytes = Encoding.UTF8.GetBytes(value) };

    /// <summary>Creates a tensor attribute.</summary>
    public static OnnxAttribute FromTensor(string name, OnnxTensor value) => new(name, OnnxAttributeType.Tensor) { Tensor = value };

    /// <summary>Creates an int-list attribute.</summary>
    public static OnnxAttribute FromInts(string name, params long[] values) => new(name, OnnxAttributeType.Ints) { Ints = values };

    /// <summary>Creates a float-list attribute.</summary>
    public static OnnxAttribute FromFloats(string name, params float[] values) => new(name, OnnxAttributeType.Floats) { Floats = values };

    /// <summary>Creates a string-list attribute.</summary>
    public static OnnxAttribute FromStrings(string name, params string[] values) =>
        new(name, OnnxAttributeType.Strings) { Strings = Array.ConvertAll(values, Encoding.UTF8.GetBytes) };
}
