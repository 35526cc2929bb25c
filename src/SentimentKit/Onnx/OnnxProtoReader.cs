using System.Buffers.Binary;
using System.Globalization;
using F = SentimentKit.Onnx.OnnxFields;

namespace SentimentKit.Onnx;

/// <summary>
/// Decodes the <c>onnx.proto</c> messages into <see cref="OnnxModel"/> and its parts. Fields it does not know
/// are skipped; repeated scalars are accepted packed or not, as protobuf requires of a reader.
/// </summary>
internal static class OnnxProtoReader
{
    /// <summary>Decodes a <c>ModelProto</c>.</summary>
    /// <exception cref="OnnxFormatException">The bytes are not a well-formed model.</exception>
    public static OnnxModel ReadModel(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new OnnxFormatException("Malformed ONNX: the file is empty.");
        }

        var reader = new ProtobufReader(bytes, 0, "ModelProto");
        var model = new OnnxModel { IrVersion = 0 };
        var hasGraph = false;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case F.Model.IrVersion:
                    reader.Expect(field, wire, WireType.Varint);
                    model.IrVersion = reader.ReadInt64();
                    break;
                case F.Model.ProducerName:
                    model.ProducerName = ReadString(ref reader, field, wire);
                    break;
                case F.Model.ProducerVersion:
                    model.ProducerVersion = ReadString(ref reader, field, wire);
                    break;
                case F.Model.Domain:
                    model.Domain = ReadString(ref reader, field, wire);
                    break;
                case F.Model.ModelVersion:
                    reader.Expect(field, wire, WireType.Varint);
                    model.ModelVersion = reader.ReadInt64();
                    break;
                case F.Model.DocString:
                    model.DocString = ReadString(ref reader, field, wire);
                    break;
                case F.Model.Graph:
                    model.Graph = ReadGraph(Message(ref reader, field, wire, "GraphProto"));
                    hasGraph = true;
                    break;
                case F.Model.OpsetImport:
                    model.OpsetImports.Add(ReadOperatorSet(Message(ref reader, field, wire, "OperatorSetIdProto")));
                    break;
                case F.Model.MetadataProps:
                    var (key, value) = ReadEntry(Message(ref reader, field, wire, "StringStringEntryProto"));
                    model.Metadata[key] = value;
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        if (!hasGraph)
        {
            throw reader.Fail("no graph");
        }

        return model;
    }

    private static OnnxGraph ReadGraph(ProtobufReader reader)
    {
        var graph = new OnnxGraph();
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case F.Graph.Node:
                    graph.Nodes.Add(ReadNode(Message(ref reader, field, wire, "NodeProto")));
                    break;
                case F.Graph.Name:
                    graph.Name = ReadString(ref reader, field, wire);
                    break;
                case F.Graph.Initializer:
                    graph.Initializers.Add(ReadTensor(Message(ref reader, field, wire, "TensorProto")));
                    break;
                case F.Graph.DocString:
                    graph.DocString = ReadString(ref reader, field, wire);
                    break;
                case F.Graph.Input:
                    graph.Inputs.Add(ReadValueInfo(Message(ref reader, field, wire, "ValueInfoProto")));
                    break;
                case F.Graph.Output:
                    graph.Outputs.Add(ReadValueInfo(Message(ref reader, field, wire, "ValueInfoProto")));
                    break;
                case F.Graph.ValueInfo:
                    graph.ValueInfo.Add(ReadValueInfo(Message(ref reader, field, wire, "ValueInfoProto")));
                    break;
                case F.Graph.SparseInitializer:
                    throw reader.Fail("a sparse initializer (not supported)", reader.Offset);
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        return graph;
    }

    private static OnnxNode ReadNode(ProtobufReader reader)
    {
        var node = new OnnxNode();
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case F.Node.Input:
                    node.Inputs.Add(ReadString(ref reader, field, wire));
                    break;
                case F.Node.Output:
                    node.Outputs.Add(ReadString(ref reader, field, wire));
                    break;
                case F.Node.Name:
                    node.Name = ReadString(ref reader, field, wire);
                    break;
                case F.Node.OpType:
                    node.OpType = ReadString(ref reader, field, wire);
                    break;
                case F.Node.Domain:
                    node.Domain = ReadString(ref reader, field, wire);
                    break;
                case F.Node.Attribute:
                    node.Attributes.Add(ReadAttribute(Message(ref reader, field, wire, "AttributeProto")));
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        return node;
    }

    private static OnnxAttribute ReadAttribute(ProtobufReader reader)
    {
        var name = "";
        var type = OnnxAttributeType.Undefined;
        float f = 0;
        long i = 0;
        byte[] s = [];
        OnnxTensor? t = null;
        var floats = new List<float>();
        var ints = new List<long>();
        var strings = new List<byte[]>();
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case F.Attribute.Name:
                    name = ReadString(ref reader, field, wire);
                    break;
                case F.Attribute.Type:
                    reader.Expect(field, wire, WireType.Varint);
                    type = (OnnxAttributeType)reader.ReadInt32();
                    break;
                case F.Attribute.F:
                    reader.Expect(field, wire, WireType.Fixed32);
                    f = reader.ReadFloat();
                    break;
                case F.Attribute.I:
                    reader.Expect(field, wire, WireType.Varint);
                    i = reader.ReadInt64();
                    break;
                case F.Attribute.S:
                    reader.Expect(field, wire, WireType.LengthDelimited);
                    s = reader.ReadBytes().ToArray();
                    break;
                case F.Attribute.T:
                    t = ReadTensor(Message(ref reader, field, wire, "TensorProto"));
                    break;
                case F.Attribute.Floats:
                    reader.ReadRepeatedFixed(wire, field, floats);
                    break;
                case F.Attribute.Ints:
                    reader.ReadRepeatedInt64(wire, field, ints);
                    break;
                case F.Attribute.Strings:
                    reader.Expect(field, wire, WireType.LengthDelimited);
                    strings.Add(reader.ReadBytes().ToArray());
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        if (type is < OnnxAttributeType.Undefined or > OnnxAttributeType.TypeProtos)
        {
            throw reader.Fail(string.Create(CultureInfo.InvariantCulture, $"attribute {OnnxFormatException.Quote(name)} of unknown type {(int)type}"));
        }

        if (type == OnnxAttributeType.Tensor && t is null)
        {
            throw reader.Fail($"tensor attribute {OnnxFormatException.Quote(name)} without a tensor");
        }

        return new OnnxAttribute(name, type) { Float = f, Int = i, Bytes = s, Tensor = t, Floats = [.. floats], Ints = [.. ints], Strings = strings };
    }

    private static OnnxTensor ReadTensor(ProtobufReader reader)
    {
        var name = "";
        var dataType = OnnxDataType.Undefined;
        var dims = new List<long>();
        List<float>? floats = null;
        List<long>? integers = null;
        List<double>? doubles = null;
        var raw = ReadOnlySpan<byte>.Empty;
        var hasRaw = false;
        string? unsupported = null;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case F.Tensor.Dims:
                    reader.ReadRepeatedInt64(wire, field, dims);
                    break;
                case F.Tensor.DataType:
                    reader.Expect(field, wire, WireType.Varint);
                    dataType = (OnnxDataType)reader.ReadInt32();
                    break;
                case F.Tensor.Name:
                    name = ReadString(ref reader, field, wire);
                    break;
                case F.Tensor.FloatData:
                    reader.ReadRepeatedFixed(wire, field, floats ??= []);
                    break;
                case F.Tensor.Int32Data or F.Tensor.Int64Data or F.Tensor.UInt64Data:
                    // All three are varints; which one is legal depends on data_type, checked below by count.
                    reader.ReadRepeatedInt64(wire, field, integers ??= []);
                    break;
                case F.Tensor.DoubleData:
                    reader.ReadRepeatedFixed(wire, field, doubles ??= []);
                    break;
                case F.Tensor.RawData:
                    reader.Expect(field, wire, WireType.LengthDelimited);
                    raw = reader.ReadBytes();
                    hasRaw = true;
                    break;
                case F.Tensor.ExternalData:
                    var (key, value) = ReadEntry(Message(ref reader, field, wire, "StringStringEntryProto"));
                    unsupported ??= string.Equals(key, "location", StringComparison.Ordinal) ? $"external data in {OnnxFormatException.Quote(value)}" : "external data";
                    break;
                case F.Tensor.DataLocation:
                    reader.Expect(field, wire, WireType.Varint);
                    if (reader.ReadInt32() == F.Tensor.External)
                    {
                        unsupported ??= "external data";
                    }

                    break;
                case F.Tensor.Segment:
                    unsupported ??= "a segment of a tensor";
                    reader.Skip(field, wire);
                    break;
                case F.Tensor.StringData:
                    unsupported ??= "string data";
                    reader.Skip(field, wire);
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        if (unsupported is not null)
        {
            throw reader.Fail($"tensor {OnnxFormatException.Quote(name)} with {unsupported}, which this reader does not support (save the model with its weights embedded)");
        }

        var size = OnnxTensor.ElementSize(dataType)
            ?? throw reader.Fail(string.Create(CultureInfo.InvariantCulture, $"tensor {OnnxFormatException.Quote(name)} of data type {(int)dataType}, which this reader does not support"));
        var dimsArray = dims.ToArray();
        var count = OnnxTensor.CountElements(dimsArray)
            ?? throw reader.Fail($"tensor {OnnxFormatException.Quote(name)} with a negative or overflowing dimension in [{string.Join(", ", dimsArray)}]");
        if (hasRaw)
        {
            if (count > raw.Length / size || count * size != raw.Length)
            {
                throw reader.Fail(string.Create(CultureInfo.InvariantCulture, $"tensor {OnnxFormatException.Quote(name)} with {raw.Length} bytes of raw data where its dims [{string.Join(", ", dimsArray)}] need {count} values of {size} bytes"));
            }

            return OnnxTensor.FromRaw(name, dataType, dimsArray, raw);
        }

        var available = floats?.Count ?? integers?.Count ?? doubles?.Count ?? 0;
        if (available != count || (floats is not null && dataType != OnnxDataType.Float) || (doubles is not null && dataType != OnnxDataType.Double))
        {
            throw reader.Fail(string.Create(CultureInfo.InvariantCulture, $"tensor {OnnxFormatException.Quote(name)} ({dataType}) with {available} values in its data fields where its dims [{string.Join(", ", dimsArray)}] need {count}"));
        }

        return dataType switch
        {
            OnnxDataType.Float => OnnxTensor.FromFloats(name, dimsArray, floats?.ToArray() ?? []),
            OnnxDataType.Int64 => OnnxTensor.FromInt64s(name, dimsArray, integers?.ToArray() ?? []),
            OnnxDataType.Double => OnnxTensor.FromRaw(name, dataType, dimsArray, LittleEndian.ToBytes<double>(doubles?.ToArray() ?? [])),
            _ => OnnxTensor.FromRaw(name, dataType, dimsArray, NarrowIntegers(integers, size)),
        };
    }

    private static byte[] NarrowIntegers(List<long>? values, int size)
    {
        if (values is null)
        {
            return [];
        }

        // int32_data holds 8- and 16-bit types (float16 and bfloat16 as their bit patterns) widened to int32.
        var bytes = new byte[values.Count * size];
        for (var i = 0; i < values.Count; i++)
        {
            var slot = bytes.AsSpan(i * size, size);
            switch (size)
            {
                case 1:
                    slot[0] = unchecked((byte)values[i]);
                    break;
                case 2:
                    BinaryPrimitives.WriteUInt16LittleEndian(slot, unchecked((ushort)values[i]));
                    break;
                case 4:
                    BinaryPrimitives.WriteUInt32LittleEndian(slot, unchecked((uint)values[i]));
                    break;
                default:
                    BinaryPrimitives.WriteUInt64LittleEndian(slot, unchecked((ulong)values[i]));
                    break;
            }
        }

        return bytes;
    }

    private static OnnxValueInfo ReadValueInfo(ProtobufReader reader)
    {
        var name = "";
        string? doc = null;
        var elementType = OnnxDataType.Undefined;
        List<OnnxDimension>? shape = null;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case F.ValueInfo.Name:
                    name = ReadString(ref reader, field, wire);
                    break;
                case F.ValueInfo.Type:
                    (elementType, shape) = ReadType(Message(ref reader, field, wire, "TypeProto"));
                    break;
                case F.ValueInfo.DocString:
                    doc = ReadString(ref reader, field, wire);
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        return new OnnxValueInfo(name, elementType, shape) { DocString = doc };
    }

    private static (OnnxDataType ElementType, List<OnnxDimension>? Shape) ReadType(ProtobufReader reader)
    {
        var elementType = OnnxDataType.Undefined;
        List<OnnxDimension>? shape = null;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != F.TypeProto.TensorType)
            {
                reader.Skip(field, wire);
                continue;
            }

            var tensor = Message(ref reader, field, wire, "TypeProto.Tensor");
            while (tensor.TryReadTag(out var tensorField, out var tensorWire))
            {
                switch (tensorField)
                {
                    case F.TensorType.ElemType:
                        tensor.Expect(tensorField, tensorWire, WireType.Varint);
                        elementType = (OnnxDataType)tensor.ReadInt32();
                        break;
                    case F.TensorType.Shape:
                        shape = ReadShape(Message(ref tensor, tensorField, tensorWire, "TensorShapeProto"));
                        break;
                    default:
                        tensor.Skip(tensorField, tensorWire);
                        break;
                }
            }
        }

        return (elementType, shape);
    }

    private static List<OnnxDimension> ReadShape(ProtobufReader reader)
    {
        var dims = new List<OnnxDimension>();
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != F.Shape.Dim)
            {
                reader.Skip(field, wire);
                continue;
            }

            var dim = Message(ref reader, field, wire, "TensorShapeProto.Dimension");
            long? value = null;
            string? param = null;
            while (dim.TryReadTag(out var dimField, out var dimWire))
            {
                switch (dimField)
                {
                    case F.Dimension.DimValue:
                        dim.Expect(dimField, dimWire, WireType.Varint);
                        value = dim.ReadInt64();
                        break;
                    case F.Dimension.DimParam:
                        param = ReadString(ref dim, dimField, dimWire);
                        break;
                    default:
                        dim.Skip(dimField, dimWire);
                        break;
                }
            }

            dims.Add(new OnnxDimension(value, param));
        }

        return dims;
    }

    private static OnnxOperatorSet ReadOperatorSet(ProtobufReader reader)
    {
        var domain = "";
        long version = 0;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case F.OperatorSet.Domain:
                    domain = ReadString(ref reader, field, wire);
                    break;
                case F.OperatorSet.Version:
                    reader.Expect(field, wire, WireType.Varint);
                    version = reader.ReadInt64();
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        return new OnnxOperatorSet(domain, version);
    }

    private static (string Key, string Value) ReadEntry(ProtobufReader reader)
    {
        string key = "", value = "";
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case F.Entry.Key:
                    key = ReadString(ref reader, field, wire);
                    break;
                case F.Entry.Value:
                    value = ReadString(ref reader, field, wire);
                    break;
                default:
                    reader.Skip(field, wire);
                    break;
            }
        }

        return (key, value);
    }

    private static string ReadString(ref ProtobufReader reader, int field, WireType wire)
    {
        reader.Expect(field, wire, WireType.LengthDelimited);
        return reader.ReadString();
    }

    private static ProtobufReader Message(ref ProtobufReader reader, int field, WireType wire, string message)
    {
        reader.Expect(field, wire, WireType.LengthDelimited);
        return reader.ReadMessage(message);
    }
}
