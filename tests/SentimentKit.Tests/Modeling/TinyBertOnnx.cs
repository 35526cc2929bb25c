using System.Globalization;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Modeling;

/// <summary>
/// Writes a small BERT encoder as PyTorch's ONNX exporter lays it out (opset 13): named embeddings,
/// biases and layer norms; anonymous <c>[in, out]</c> MatMul weights; attention reshapes built
/// with Concat from the run-time batch and time and constant heads; layer norm and GELU
/// decomposed into elementary operators. ONNX Runtime can run it, and <see cref="BertOnnxImport"/>
/// must read it back.
/// </summary>
internal sealed class TinyBertOnnx
{
    private readonly OnnxGraph _graph;
    private readonly Dictionary<string, Tensor> _weights;
    private readonly TransformerClassifierOptions _options;
    private int _next;

    private TinyBertOnnx(TransformerClassifier source, OnnxGraph graph)
    {
        _graph = graph;
        _options = source.Options;
        _weights = source.state_dict()
            .Where(p => p.Key.StartsWith(TransformerClassifier.EncoderPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[TransformerClassifier.EncoderPrefix.Length..], p => p.Value);
    }

    /// <summary>Gets or sets a value indicating whether the heads of the attention reshapes are left to ONNX (-1), so that the import cannot read them.</summary>
    public bool HideHeads { get; init; }

    /// <summary>Gets or sets a tensor left out of the initializers (a graph input instead, so that the graph stays consistent).</summary>
    public string? Omit { get; init; }

    /// <summary>Gets or sets a value indicating whether the MatMul weights keep their PyTorch names (still stored <c>[in, out]</c>).</summary>
    public bool NamedWeights { get; init; }

    /// <summary>Gets or sets a bias stored under an anonymous name, so that the weight before it cannot be named.</summary>
    public string? AnonymousBias { get; init; }

    /// <summary>Writes the encoder of <paramref name="source"/> as an ONNX model's bytes.</summary>
    public static byte[] Create(TransformerClassifier source, bool hideHeads = false, string? omit = null, string? anonymousBias = null, bool namedWeights = false)
    {
        var model = new OnnxModel { ProducerName = "pytorch", ProducerVersion = "1.10", IrVersion = 7 };
        model.OpsetImports.Add(new OnnxOperatorSet("", 13));
        new TinyBertOnnx(source, model.Graph) { HideHeads = hideHeads, Omit = omit, AnonymousBias = anonymousBias, NamedWeights = namedWeights }.Write();
        return model.ToByteArray();
    }

    private void Write()
    {
        _graph.Name = "main_graph";
        foreach (var name in new[] { "input_ids", "attention_mask", "token_type_ids" })
        {
            _graph.Inputs.Add(new OnnxValueInfo(name, OnnxDataType.Int64, [OnnxDimension.Dynamic("batch"), OnnxDimension.Dynamic("sequence")]));
        }

        _graph.Outputs.Add(new OnnxValueInfo("last_hidden_state", OnnxDataType.Float, [OnnxDimension.Dynamic("batch"), OnnxDimension.Dynamic("sequence"), OnnxDimension.Fixed(_options.HiddenSize)]));
        _graph.Initializers.Add(OnnxTensor.FromInt64s("embeddings.position_ids", [1, _options.MaxPositions], Enumerable.Range(0, _options.MaxPositions).Select(i => (long)i).ToArray()));
        foreach (var name in new[] { "embeddings.word_embeddings.weight", "embeddings.token_type_embeddings.weight", "embeddings.position_embeddings.weight" })
        {
            Named(name);
        }

        // Additive mask: (1 - mask) * -10000 on [batch, 1, 1, time].
        var mask = Op("Cast", [Op("Unsqueeze", [Op("Unsqueeze", ["attention_mask", Int64s(1)]), Int64s(2)])], to: 1);
        var maskBias = Op("Mul", [Op("Sub", [Float(1f), mask]), Float(-10000f)]);

        var time = Op("Unsqueeze", [Op("Gather", [Op("Shape", ["input_ids"]), Scalar(1)], axis: 0), Int64s(0)]);
        var positionIds = Op("Slice", ["embeddings.position_ids", Int64s(0), time, Int64s(1), Int64s(1)]);
        var embedded = Op("Add", [
            Op("Add", [Op("Gather", ["embeddings.word_embeddings.weight", "input_ids"]), Op("Gather", ["embeddings.token_type_embeddings.weight", "token_type_ids"])]),
            Op("Gather", ["embeddings.position_embeddings.weight", positionIds])]);
        var hidden = LayerNorm(embedded, "embeddings.LayerNorm");

        for (var i = 0; i < _options.Layers; i++)
        {
            hidden = Layer(hidden, maskBias, $"encoder.layer.{i}.", last: i == _options.Layers - 1);
        }
    }

    private string Layer(string input, string maskBias, string prefix, bool last)
    {
        var heads = (long)_options.AttentionHeads;
        var size = (long)(_options.HiddenSize / _options.AttentionHeads);
        string SplitHeads(string projected, long[] perm)
        {
            var shape = Op("Concat", [Dim(projected, 0), Dim(projected, 1), Int64s(HideHeads ? -1 : heads), Int64s(size)], axis: 0);
            return Op("Transpose", [Op("Reshape", [projected, shape])], perm: perm);
        }

        var query = SplitHeads(Linear(input, prefix + "attention.self.query"), [0, 2, 1, 3]);
        var key = SplitHeads(Linear(input, prefix + "attention.self.key"), [0, 2, 3, 1]);
        var value = SplitHeads(Linear(input, prefix + "attention.self.value"), [0, 2, 1, 3]);
        var scores = Op("Add", [Op("Div", [Op("MatMul", [query, key]), Float(MathF.Sqrt(size))]), maskBias]);
        var context = Op("Transpose", [Op("MatMul", [Op("Softmax", [scores], axis: -1), value])], perm: [0, 2, 1, 3]);
        var merged = Op("Reshape", [context, Op("Concat", [Dim(context, 0), Dim(context, 1), Int64s(_options.HiddenSize)], axis: 0)]);
        var attended = LayerNorm(Op("Add", [Linear(merged, prefix + "attention.output.dense"), input]), prefix + "attention.output.LayerNorm");

        // GELU with erf: x * (1 + erf(x / sqrt 2)) * 0.5.
        var inner = Linear(attended, prefix + "intermediate.dense");
        var gelu = Op("Mul", [Op("Mul", [inner, Op("Add", [Op("Erf", [Op("Div", [inner, Float(MathF.Sqrt(2f))])]), Float(1f)])]), Float(0.5f)]);
        return LayerNorm(Op("Add", [Linear(gelu, prefix + "output.dense"), attended]), prefix + "output.LayerNorm", last ? "last_hidden_state" : null);
    }

    private string Linear(string input, string name)
    {
        var weight = _weights[name + ".weight"];
        var anonymous = NamedWeights ? name + ".weight" : Fresh();
        _graph.Initializers.Add(OnnxTensor.FromFloats(anonymous, [weight.shape[1], weight.shape[0]], weight.t().contiguous().data<float>().ToArray()));
        var bias = AnonymousBias == name + ".bias" ? Fresh() : name + ".bias";
        _graph.Initializers.Add(OnnxTensor.FromFloats(bias, [.. _weights[name + ".bias"].shape], _weights[name + ".bias"].data<float>().ToArray()));

        return Op("Add", [bias, Op("MatMul", [input, anonymous])]);
    }

    private string LayerNorm(string input, string name, string? output = null)
    {
        Named(name + ".weight");
        Named(name + ".bias");
        var centered = Op("Sub", [input, Op("ReduceMean", [input], axes: [-1])]);
        var variance = Op("ReduceMean", [Op("Pow", [centered, Float(2f)])], axes: [-1]);
        var normalized = Op("Div", [centered, Op("Sqrt", [Op("Add", [variance, Float((float)_options.LayerNormEpsilon)])])]);
        return Op("Add", [Op("Mul", [normalized, name + ".weight"]), name + ".bias"], output: output);
    }

    private void Named(string name)
    {
        if (Omit == name)
        {
            _graph.Inputs.Add(new OnnxValueInfo(name, OnnxDataType.Float, _weights[name].shape.Select(OnnxDimension.Fixed).ToArray()));
        }
        else
        {
            _graph.Initializers.Add(OnnxTensor.FromFloats(name, [.. _weights[name].shape], _weights[name].contiguous().data<float>().ToArray()));
        }
    }

    private string Dim(string value, long axis) => Op("Unsqueeze", [Op("Gather", [Op("Shape", [value]), Scalar(axis)], axis: 0), Int64s(0)]);

    private string Int64s(params long[] values)
    {
        var name = Fresh();
        _graph.Initializers.Add(OnnxTensor.FromInt64s(name, [values.Length], values));
        return name;
    }

    private string Scalar(long value) => Constant(OnnxTensor.FromInt64s(string.Empty, [], [value]));

    private string Float(float value) => Constant(OnnxTensor.FromFloats(string.Empty, [], [value]));

    private string Constant(OnnxTensor value)
    {
        var node = new OnnxNode { OpType = "Constant", Name = "Constant_" + Fresh() };
        node.Outputs.Add(Fresh());
        node.Attributes.Add(OnnxAttribute.FromTensor("value", value));
        _graph.Nodes.Add(node);
        return node.Outputs[0];
    }

    private string Op(string opType, string[] inputs, long? axis = null, long? to = null, long[]? perm = null, long[]? axes = null, string? output = null)
    {
        var node = new OnnxNode { OpType = opType, Name = $"{opType}_{_next}" };
        node.Inputs.AddRange(inputs);
        node.Outputs.Add(output ?? Fresh());
        if (axis is { } a)
        {
            node.Attributes.Add(OnnxAttribute.FromInt("axis", a));
        }

        if (to is { } t)
        {
            node.Attributes.Add(OnnxAttribute.FromInt("to", t));
        }

        if (perm is not null)
        {
            node.Attributes.Add(OnnxAttribute.FromInts("perm", perm));
        }

        if (axes is not null)
        {
            node.Attributes.Add(OnnxAttribute.FromInts("axes", axes));
        }

        _graph.Nodes.Add(node);
        return node.Outputs[0];
    }

    private string Fresh() => (_next++ + 900).ToString(CultureInfo.InvariantCulture);
}
