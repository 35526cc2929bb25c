namespace SentimentKit.Onnx;

/// <summary>The kinds of ONNX node attributes (<c>AttributeProto.AttributeType</c>), numbered as in the specification.</summary>
internal enum OnnxAttributeType
{
    /// <summary>No type given.</summary>
    Undefined = 0,

    /// <summary>One float (<see cref="OnnxAttribute.Float"/>).</summary>
    Float = 1,

    /// <summary>One int64 (<see cref="OnnxAttribute.Int"/>).</summary>
    Int = 2,

    /// <summary>One byte string, usually UTF-8 (<see cref="OnnxAttribute.Bytes"/>).</summary>
    String = 3,

    /// <summary>One tensor (<see cref="OnnxAttribute.Tensor"/>).</summary>
    Tensor = 4,

    /// <summary>A subgraph; this codec skips its value.</summary>
    Graph = 5,

    /// <summary>A list of floats (<see cref="OnnxAttribute.Floats"/>).</summary>
    Floats = 6,

    /// <summary>A list of int64s (<see cref="OnnxAttribute.Ints"/>).</summary>
    Ints = 7,

    /// <summary>A list of byte strings (<see cref="OnnxAttribute.Strings"/>).</summary>
    Strings = 8,

    /// <summary>A list of tensors; this codec skips its values.</summary>
    Tensors = 9,

    /// <summary>A list of subgraphs; this codec skips its values.</summary>
    Graphs = 10,

    /// <summary>A sparse tensor; this codec skips its value.</summary>
    SparseTensor = 11,

    /// <summary>A list of sparse tensors; this codec skips its values.</summary>
    SparseTensors = 12,

    /// <summary>A type; this codec skips its value.</summary>
    TypeProto = 13,

    /// <summary>A list of types; this codec skips its values.</summary>
    TypeProtos = 14,
}
