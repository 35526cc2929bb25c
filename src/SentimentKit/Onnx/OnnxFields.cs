namespace SentimentKit.Onnx;

/// <summary>
/// The field numbers of the <c>onnx.proto</c> messages this codec reads and writes, from the ONNX specification
/// (onnx/onnx.proto). The reader and the writer share them so that they cannot disagree.
/// </summary>
internal static class OnnxFields
{
    /// <summary><c>ModelProto</c>.</summary>
    public static class Model
    {
        public const int IrVersion = 1;
        public const int ProducerName = 2;
        public const int ProducerVersion = 3;
        public const int Domain = 4;
        public const int ModelVersion = 5;
        public const int DocString = 6;
        public const int Graph = 7;
        public const int OpsetImport = 8;
        public const int MetadataProps = 14;
    }

    /// <summary><c>OperatorSetIdProto</c>.</summary>
    public static class OperatorSet
    {
        public const int Domain = 1;
        public const int Version = 2;
    }

    /// <summary><c>StringStringEntryProto</c>.</summary>
    public static class Entry
    {
        public const int Key = 1;
        public const int Value = 2;
    }

    /// <summary><c>GraphProto</c>.</summary>
    public static class Graph
    {
        public const int Node = 1;
        public const int Name = 2;
        public const int Initializer = 5;
        public const int DocString = 10;
        public const int Input = 11;
        public const int Output = 12;
        public const int ValueInfo = 13;
        public const int SparseInitializer = 15;
    }

    /// <summary><c>NodeProto</c>.</summary>
    public static class Node
    {
        public const int Input = 1;
        public const int Output = 2;
        public const int Name = 3;
        public const int OpType = 4;
        public const int Attribute = 5;
        public const int Domain = 7;
    }

    /// <summary><c>AttributeProto</c>.</summary>
    public static class Attribute
    {
        public const int Name = 1;
        public const int F = 2;
        public const int I = 3;
        public const int S = 4;
        public const int T = 5;
        public const int Floats = 7;
        public const int Ints = 8;
        public const int Strings = 9;
        public const int Type = 20;
    }

    /// <summary><c>TensorProto</c>.</summary>
    public static class Tensor
    {
        public const int Dims = 1;
        public const int DataType = 2;
        public const int Segment = 3;
        public const int FloatData = 4;
        public const int Int32Data = 5;
        public const int StringData = 6;
        public const int Int64Data = 7;
        public const int Name = 8;
        public const int RawData = 9;
        public const int DoubleData = 10;
        public const int UInt64Data = 11;
        public const int ExternalData = 13;
        public const int DataLocation = 14;

        /// <summary>The <c>data_location</c> value of a tensor whose bytes live in another file.</summary>
        public const int External = 1;
    }

    /// <summary><c>ValueInfoProto</c>.</summary>
    public static class ValueInfo
    {
        public const int Name = 1;
        public const int Type = 2;
        public const int DocString = 3;
    }

    /// <summary><c>TypeProto</c> (only its <c>tensor_type</c> case is read).</summary>
    public static class TypeProto
    {
        public const int TensorType = 1;
    }

    /// <summary><c>TypeProto.Tensor</c>.</summary>
    public static class TensorType
    {
        public const int ElemType = 1;
        public const int Shape = 2;
    }

    /// <summary><c>TensorShapeProto</c>.</summary>
    public static class Shape
    {
        public const int Dim = 1;
    }

    /// <summary><c>TensorShapeProto.Dimension</c>.</summary>
    public static class Dimension
    {
        public const int DimValue = 1;
        public const int DimParam = 2;
    }
}
