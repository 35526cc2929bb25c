using SentimentKit.Onnx;

namespace SentimentKit.Tests.Onnx;

/// <summary>Small models written with the codec's object model, for the codec's tests.</summary>
internal static class OnnxSamples
{
    /// <summary>y = Relu(x · W + b): x float [batch, 3], W [3, 2], b [2].</summary>
    public static OnnxModel Dense()
    {
        var model = new OnnxModel { ProducerName = "SentimentKit.Tests", ProducerVersion = "1.0" };
        model.OpsetImports.Add(new OnnxOperatorSet("", 17));
        model.Metadata["sentimentkit.kind"] = "test";
        var graph = model.Graph;
        graph.Name = "dense";
        graph.Inputs.Add(new OnnxValueInfo("x", OnnxDataType.Float, [OnnxDimension.Dynamic("batch"), OnnxDimension.Fixed(3)]));
        graph.Outputs.Add(new OnnxValueInfo("y", OnnxDataType.Float, [OnnxDimension.Dynamic("batch"), OnnxDimension.Fixed(2)]));
        graph.Initializers.Add(OnnxTensor.FromFloats("W", [3, 2], [0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f]));
        graph.Initializers.Add(OnnxTensor.FromFloats("b", [2], [0.1f, -0.2f]));
        graph.Nodes.Add(Node("MatMul", ["x", "W"], ["xw"]));
        graph.Nodes.Add(Node("Add", ["xw", "b"], ["z"]));
        graph.Nodes.Add(Node("Relu", ["z"], ["y"]));
        return model;
    }

    /// <summary>A model that exercises every field the codec keeps; it is consistent but not runnable.</summary>
    public static OnnxModel EveryField()
    {
        var model = new OnnxModel
        {
            IrVersion = 9,
            ProducerName = "producer ✓",
            ProducerVersion = "2.5",
            Domain = "org.example",
            ModelVersion = 42,
            DocString = "doc",
        };
        model.OpsetImports.Add(new OnnxOperatorSet("", 17));
        model.OpsetImports.Add(new OnnxOperatorSet("org.example.ops", 3));
        model.Metadata["sentimentkit.labels"] = "[\"neg\",\"pos\"]";
        model.Metadata["empty"] = "";
        var graph = model.Graph;
        graph.Name = "every";
        graph.DocString = "graph doc";
        graph.Inputs.Add(new OnnxValueInfo("ids", OnnxDataType.Int64, [OnnxDimension.Dynamic("batch"), OnnxDimension.Fixed(7), default]) { DocString = "input doc" });
        graph.Inputs.Add(new OnnxValueInfo("unranked", OnnxDataType.Float, null));
        graph.Outputs.Add(new OnnxValueInfo("out", OnnxDataType.Float, [OnnxDimension.Fixed(1)]));
        graph.ValueInfo.Add(new OnnxValueInfo("mid", OnnxDataType.Float, []));
        graph.Initializers.Add(OnnxTensor.FromFloats("f32", [2, 2], [1f, -2.5f, float.MaxValue, float.Epsilon]));
        graph.Initializers.Add(OnnxTensor.FromInt64s("i64", [3], [long.MinValue, -1, long.MaxValue]));
        graph.Initializers.Add(OnnxTensor.FromRaw("i32", OnnxDataType.Int32, [2], LittleEndianBytes([int.MinValue, 7])));
        graph.Initializers.Add(OnnxTensor.FromRaw("f16", OnnxDataType.Float16, [2], [0x00, 0x3C, 0x00, 0xC0]));
        graph.Initializers.Add(OnnxTensor.FromRaw("bool", OnnxDataType.Bool, [3], [1, 0, 1]));
        graph.Initializers.Add(OnnxTensor.FromFloats("scalar", [], [3.25f]));
        graph.Initializers.Add(OnnxTensor.FromFloats("empty", [0, 4], []));
        var node = Node("Custom", ["ids", "", "f32"], ["mid"], "org.example.ops");
        node.Name = "custom_0";
        node.Attributes.Add(OnnxAttribute.FromFloat("alpha", -0.125f));
        node.Attributes.Add(OnnxAttribute.FromInt("axis", -3));
        node.Attributes.Add(OnnxAttribute.FromString("mode", "bidirectional"));
        node.Attributes.Add(OnnxAttribute.FromTensor("value", OnnxTensor.FromInt64s("", [2], [5, 6])));
        node.Attributes.Add(OnnxAttribute.FromFloats("scales", 1f, 0.5f));
        node.Attributes.Add(OnnxAttribute.FromInts("perm", 1, 0, 2));
        node.Attributes.Add(OnnxAttribute.FromStrings("activations", "Sigmoid", "Tanh"));
        graph.Nodes.Add(node);
        graph.Nodes.Add(Node("Identity", ["mid"], ["out"]));
        return model;
    }

    public static OnnxNode Node(string opType, string[] inputs, string[] outputs, string domain = "")
    {
        var node = new OnnxNode { OpType = opType, Domain = domain };
        node.Inputs.AddRange(inputs);
        node.Outputs.AddRange(outputs);
        return node;
    }

    private static byte[] LittleEndianBytes(int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }
}
