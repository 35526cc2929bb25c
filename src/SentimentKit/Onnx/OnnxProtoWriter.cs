using System.Runtime.InteropServices;
using F = SentimentKit.Onnx.OnnxFields;

namespace SentimentKit.Onnx;

/// <summary>
/// Encodes <see cref="OnnxModel"/> and its parts as <c>onnx.proto</c> messages, fields in number order as
/// protobuf's own serializer writes them. Tensor values go to <c>raw_data</c> (compact and read in one copy).
/// </summary>
internal static class OnnxProtoWriter
{
    /// <summary>Encodes a <c>ModelProto</c>.</summary>
    public static void WriteModel(ProtobufWriter writer, OnnxModel model)
    {
        writer.WriteInt64(F.Model.IrVersion, model.IrVersion);
        writer.WriteString(F.Model.ProducerName, model.ProducerName);
        writer.WriteString(F.Model.ProducerVersion, model.ProducerVersion);
        writer.WriteString(F.Model.Domain, model.Domain);
        if (model.ModelVersion != 0)
        {
            writer.WriteInt64(F.Model.ModelVersion, model.ModelVersion);
        }

        writer.WriteString(F.Model.DocString, model.DocString);
        writer.WriteMessage(F.Model.Graph, model.Graph, WriteGraph);
        foreach (var opset in model.OpsetImports)
        {
            writer.WriteMessage(F.Model.OpsetImport, opset, static (w, o) =>
            {
                w.WriteString(F.OperatorSet.Domain, o.Domain);
                w.WriteInt64(F.OperatorSet.Version, o.Version);
            });
        }

        foreach (var entry in model.Metadata)
        {
            writer.WriteMessage(F.Model.MetadataProps, entry, static (w, e) =>
            {
                w.WriteString(F.Entry.Key, e.Key);
                w.WriteString(F.Entry.Value, e.Value);
            });
        }
    }

    private static void WriteGraph(ProtobufWriter writer, OnnxGraph graph)
    {
        foreach (var node in graph.Nodes)
        {
            writer.WriteMessage(F.Graph.Node, node, WriteNode);
        }

        writer.WriteString(F.Graph.Name, graph.Name);
        foreach (var tensor in graph.Initializers)
        {
            writer.WriteMessage(F.Graph.Initializer, tensor, WriteTensor);
        }

        writer.WriteString(F.Graph.DocString, graph.DocString);
        foreach (var input in graph.Inputs)
        {
            writer.WriteMessage(F.Graph.Input, input, WriteValueInfo);
        }

        foreach (var output in graph.Outputs)
        {
            writer.WriteMessage(F.Graph.Output, output, WriteValueInfo);
        }

        foreach (var info in graph.ValueInfo)
        {
            writer.WriteMessage(F.Graph.ValueInfo, info, WriteValueInfo);
        }
    }

    private static void WriteNode(ProtobufWriter writer, OnnxNode node)
    {
        foreach (var input in node.Inputs)
        {
            writer.WriteString(F.Node.Input, input);
        }

        foreach (var output in node.Outputs)
        {
            writer.WriteString(F.Node.Output, output);
        }

        writer.WriteString(F.Node.Name, NullIfEmpty(node.Name));
        writer.WriteString(F.Node.OpType, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            writer.WriteMessage(F.Node.Attribute, attribute, WriteAttribute);
        }

        writer.WriteString(F.Node.Domain, NullIfEmpty(node.Domain));
    }

    private static void WriteAttribute(ProtobufWriter writer, OnnxAttribute attribute)
    {
        writer.WriteString(F.Attribute.Name, attribute.Name);
        switch (attribute.Type)
        {
            case OnnxAttributeType.Float:
                writer.WriteFloat(F.Attribute.F, attribute.Float);
                break;
            case OnnxAttributeType.Int:
                writer.WriteInt64(F.Attribute.I, attribute.Int);
                break;
            case OnnxAttributeType.String:
                writer.WriteBytes(F.Attribute.S, attribute.Bytes);
                break;
            case OnnxAttributeType.Tensor when attribute.Tensor is { } tensor:
                writer.WriteMessage(F.Attribute.T, tensor, WriteTensor);
                break;
            case OnnxAttributeType.Floats:
                writer.WriteRepeatedFloat(F.Attribute.Floats, attribute.Floats);
                break;
            case OnnxAttributeType.Ints:
                writer.WriteRepeatedInt64(F.Attribute.Ints, attribute.Ints);
                break;
            case OnnxAttributeType.Strings:
                foreach (var value in attribute.Strings)
                {
                    writer.WriteBytes(F.Attribute.Strings, value);
                }

                break;
            default:
                // Subgraphs and the other kinds are not kept by this codec; only their type survives.
                break;
        }

        writer.WriteInt64(F.Attribute.Type, (long)attribute.Type);
    }

    private static void WriteTensor(ProtobufWriter writer, OnnxTensor tensor)
    {
        writer.WriteRepeatedInt64(F.Tensor.Dims, tensor.Dims);
        writer.WriteInt64(F.Tensor.DataType, (long)tensor.DataType);
        writer.WriteString(F.Tensor.Name, NullIfEmpty(tensor.Name));
        if (BitConverter.IsLittleEndian && tensor.FloatData is { } floats)
        {
            writer.WriteBytes(F.Tensor.RawData, MemoryMarshal.AsBytes(floats.AsSpan()));
        }
        else if (BitConverter.IsLittleEndian && tensor.Int64Data is { } longs)
        {
            writer.WriteBytes(F.Tensor.RawData, MemoryMarshal.AsBytes(longs.AsSpan()));
        }
        else
        {
            writer.WriteBytes(F.Tensor.RawData, tensor.GetRawBytes());
        }
    }

    private static void WriteValueInfo(ProtobufWriter writer, OnnxValueInfo info)
    {
        writer.WriteString(F.ValueInfo.Name, info.Name);
        writer.WriteMessage(F.ValueInfo.Type, info, static (typeWriter, i) =>
            typeWriter.WriteMessage(F.TypeProto.TensorType, i, static (tensorWriter, t) =>
            {
                tensorWriter.WriteInt64(F.TensorType.ElemType, (long)t.ElementType);
                if (t.Shape is { } shape)
                {
                    tensorWriter.WriteMessage(F.TensorType.Shape, shape, WriteShape);
                }
            }));
        writer.WriteString(F.ValueInfo.DocString, info.DocString);
    }

    private static void WriteShape(ProtobufWriter writer, IReadOnlyList<OnnxDimension> shape)
    {
        foreach (var dim in shape)
        {
            writer.WriteMessage(F.Shape.Dim, dim, static (w, d) =>
            {
                if (d.Value is { } value)
                {
                    w.WriteInt64(F.Dimension.DimValue, value);
                }
                else
                {
                    w.WriteString(F.Dimension.DimParam, d.Param);
                }
            });
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
