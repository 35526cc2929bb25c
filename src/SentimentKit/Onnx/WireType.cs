namespace SentimentKit.Onnx;

/// <summary>The protobuf wire types: how a field's bytes are laid out.</summary>
internal enum WireType
{
    /// <summary>A base-128 varint (int32, int64, enum, bool).</summary>
    Varint = 0,

    /// <summary>Eight little-endian bytes (double, fixed64).</summary>
    Fixed64 = 1,

    /// <summary>A varint length and that many bytes (string, bytes, messages, packed repeated scalars).</summary>
    LengthDelimited = 2,

    /// <summary>The deprecated group start; ONNX never uses it.</summary>
    StartGroup = 3,

    /// <summary>The deprecated group end; ONNX never uses it.</summary>
    EndGroup = 4,

    /// <summary>Four little-endian bytes (float, fixed32).</summary>
    Fixed32 = 5,
}
