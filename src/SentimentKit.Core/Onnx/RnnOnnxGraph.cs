using SentimentKit.Artifacts;

namespace SentimentKit.Onnx;

/// <summary>
/// Builds the ONNX graph (opset 17) of an <c>RnnClassifier</c> in evaluation mode from its state dict: the same
/// logits as the TorchSharp module, and the calibrated probabilities.
/// </summary>
/// <remarks>
/// <para>
/// Inputs: <c>ids</c> int64 <c>[batch, time]</c>, right-padded and truncated by the caller as <c>SequencePadder</c>
/// does (an empty text is one unknown id), and <c>lengths</c> int64 <c>[batch]</c>, each in <c>[1, time]</c>.
/// Outputs: <c>logits</c> and <c>probabilities</c> = <c>softmax(logits / T)</c>, float <c>[batch, classes]</c>.
/// </para>
/// <para>
/// The module runs each layer and direction as its own single-layer cell over the padded batch, the backward one
/// over each sequence reversed within its length (<c>MaskedRecurrence</c>). One ONNX <c>LSTM</c>/<c>GRU</c>/<c>RNN</c>
/// node per layer with <c>sequence_lens</c> computes exactly that: each direction reads only the real steps, the
/// backward one starting at the last real token, and its final state is the forward state after the last real step
/// and the backward state after the first. libtorch orders the gates i, f, g, o (LSTM) and r, z, n (GRU); ONNX
/// wants i, o, f, c and z, r, h, and libtorch's GRU applies the reset gate after the recurrent product, which is
/// ONNX's <c>linear_before_reset=1</c>. Outputs at padded steps are zeroed, as the module's are, before pooling;
/// each pooling keeps the padding out as the module does.
/// </para>
/// </remarks>
internal static class RnnOnnxGraph
{
    /// <summary>The name of the ids input.</summary>
    public const string IdsInput = SequenceGraphParts.IdsInput;

    /// <summary>The name of the lengths input.</summary>
    public const string LengthsInput = SequenceGraphParts.LengthsInput;

    /// <summary>The value of <see cref="OnnxMetadata.Kind"/> for this graph.</summary>
    public const string Kind = "rnn";

    // For each ONNX gate block, the libtorch block it comes from.
    private static readonly int[] LstmGates = [0, 3, 1, 2];
    private static readonly int[] GruGates = [1, 0, 2];
    private static readonly int[] RnnGates = [0];

    /// <summary>Builds the graph.</summary>
    /// <param name="spec">The architecture.</param>
    /// <param name="weights">The module's state dict as float tensors, by key (<c>embedding.weight</c>, <c>rnn.forward.0.weight_ih_l0</c>, ...).</param>
    /// <param name="temperature">The calibration temperature applied in <c>probabilities</c>; 1 when uncalibrated.</param>
    /// <param name="metadata">More <c>metadata_props</c> (see <see cref="OnnxMetadata"/>), or <see langword="null"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The spec is invalid, or a weight is missing or of another shape.</exception>
    /// <param name="multiLabel">The head of a multi-label model (sigmoids, per-label calibration), or <see langword="null"/> for a softmax.</param>
    public static OnnxModel Build(RnnOnnxSpec spec, IReadOnlyDictionary<string, FloatTensor> weights, double temperature = 1, IReadOnlyDictionary<string, string>? metadata = null, MultiLabelSection? multiLabel = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(weights);
        spec.Validate();
        var lookup = new WeightLookup(weights);
        var graph = new OnnxGraphBuilder("sentimentkit_rnn");
        var (ids, lengths) = SequenceGraphParts.Inputs(graph);

        const string EmbeddingKey = "embedding.weight";
        var embedding = lookup.Get(EmbeddingKey, spec.VocabularySize, spec.EmbeddingSize);
        var embedded = graph.Add("Gather", [graph.Weight(EmbeddingKey, embedding.Shape, embedding.Values), ids], OnnxAttribute.FromInt("axis", 0));
        var steps = graph.Add("Transpose", [embedded], OnnxAttribute.FromInts("perm", 1, 0, 2));
        var sequenceLengths = graph.Add("Cast", [lengths], OnnxAttribute.FromInt("to", (long)OnnxDataType.Int32));
        var finalStates = "";
        for (var layer = 0; layer < spec.Layers; layer++)
        {
            (steps, finalStates) = AddLayer(graph, lookup, spec, layer, steps, sequenceLengths);
        }

        var pooled = spec.Pooling == RnnOnnxPooling.Last
            // [directions, batch, hidden] -> [batch, directions × hidden]: forward then backward, as the module concatenates.
            ? graph.Add("Reshape", [graph.Add("Transpose", [finalStates], OnnxAttribute.FromInts("perm", 1, 0, 2)), graph.Int64s(0, -1)])
            : PoolOutputs(graph, lookup, spec, graph.Add("Transpose", [steps], OnnxAttribute.FromInts("perm", 1, 0, 2)), ids, lengths);

        var hidden = graph.Add("Relu", [SequenceGraphParts.Linear(graph, lookup, "head.1", pooled, spec.HeadHiddenSize, spec.PooledSize)]);
        var logits = SequenceGraphParts.Linear(graph, lookup, "head.4", hidden, spec.ClassCount, spec.HeadHiddenSize);
        graph.AddClassifierOutputs(logits, spec.ClassCount, temperature, multiLabel);
        return graph.Build(Kind, spec.ClassCount, temperature, metadata, multiLabel);
    }

    /// <summary>Adds one layer (both directions): <c>[time, batch, in]</c> to <c>[time, batch, directions × hidden]</c> and its final states.</summary>
    private static (string Steps, string FinalStates) AddLayer(OnnxGraphBuilder graph, WeightLookup lookup, RnnOnnxSpec spec, int layer, string input, string sequenceLengths)
    {
        var (opType, gates) = spec.Cell switch
        {
            RnnOnnxCell.Lstm => ("LSTM", LstmGates),
            RnnOnnxCell.Gru => ("GRU", GruGates),
            _ => ("RNN", RnnGates),
        };
        var hidden = spec.HiddenSize;
        var rows = gates.Length * hidden;
        var inputSize = layer == 0 ? spec.EmbeddingSize : spec.OutputSize;
        var directions = spec.Directions;
        var w = new float[directions * rows * inputSize];
        var r = new float[directions * rows * hidden];
        var b = new float[directions * 2 * rows];
        for (var d = 0; d < directions; d++)
        {
            var prefix = $"rnn.{(d == 0 ? "forward" : "backward")}.{layer}.";
            CopyGates(lookup.Get(prefix + "weight_ih_l0", rows, inputSize).Values, gates, hidden * inputSize, w.AsSpan(d * rows * inputSize));
            CopyGates(lookup.Get(prefix + "weight_hh_l0", rows, hidden).Values, gates, hidden * hidden, r.AsSpan(d * rows * hidden));
            CopyGates(lookup.Get(prefix + "bias_ih_l0", rows).Values, gates, hidden, b.AsSpan(d * 2 * rows));
            CopyGates(lookup.Get(prefix + "bias_hh_l0", rows).Values, gates, hidden, b.AsSpan((d * 2 * rows) + rows));
        }

        var name = $"rnn.layer{layer}";
        string[] inputs =
        [
            input,
            graph.Weight(name + ".W", [directions, rows, inputSize], w),
            graph.Weight(name + ".R", [directions, rows, hidden], r),
            graph.Weight(name + ".B", [directions, 2 * rows], b),
            sequenceLengths,
        ];
        List<OnnxAttribute> attributes =
        [
            OnnxAttribute.FromInt("hidden_size", hidden),
            OnnxAttribute.FromString("direction", spec.Bidirectional ? "bidirectional" : "forward"),
        ];
        if (spec.Cell == RnnOnnxCell.Gru)
        {
            attributes.Add(OnnxAttribute.FromInt("linear_before_reset", 1));
        }

        var outputs = graph.Add(opType, 2, inputs, [.. attributes]);
        // Y is [time, directions, batch, hidden]; the next layer reads [time, batch, directions × hidden].
        var steps = graph.Add("Reshape", [graph.Add("Transpose", [outputs[0]], OnnxAttribute.FromInts("perm", 0, 2, 1, 3)), graph.Int64s(0, 0, -1)]);
        return (steps, outputs[1]);
    }

    /// <summary>Pools <c>[batch, time, features]</c> outputs over each sequence's real steps.</summary>
    private static string PoolOutputs(OnnxGraphBuilder graph, WeightLookup lookup, RnnOnnxSpec spec, string outputs, string ids, string lengths)
    {
        var valid = SequenceGraphParts.ValidSteps(graph, ids, lengths);
        var masked = SequenceGraphParts.ZeroPadding(graph, outputs, valid);

        // Only the poolings that read it get the constant: ONNX Runtime warns about an initializer no node reads.
        string NegativeInfinity() => graph.FloatScalar(float.NegativeInfinity);

        string Mean() => SequenceGraphParts.MeanOverLength(graph, masked, lengths);

        // Opset 17's ReduceMax still takes its axes as an attribute (ReduceSum has taken them as an input since 13).
        string Max() => graph.Add(
            "ReduceMax",
            [graph.Add("Where", [graph.Add("Unsqueeze", [valid, graph.Int64s(2)]), masked, NegativeInfinity()])],
            OnnxAttribute.FromInts("axes", 1),
            OnnxAttribute.FromInt("keepdims", 0));

        return spec.Pooling switch
        {
            RnnOnnxPooling.Mean => Mean(),
            RnnOnnxPooling.Max => Max(),
            RnnOnnxPooling.Attention => Attention(graph, lookup, spec, masked, valid, NegativeInfinity()),
            _ => graph.Add("Concat", [Mean(), Max()], OnnxAttribute.FromInt("axis", 1)),
        };
    }

    /// <summary>Scores <c>v·tanh(W·o + b)</c> per step, a softmax over the real steps, and the weighted sum.</summary>
    private static string Attention(OnnxGraphBuilder graph, WeightLookup lookup, RnnOnnxSpec spec, string masked, string valid, string negativeInfinity)
    {
        var projection = lookup.Get("attention.0.weight", spec.HiddenSize, spec.OutputSize);
        var bias = lookup.Get("attention.0.bias", spec.HiddenSize);
        var vector = lookup.Get("attention.2.weight", 1, spec.HiddenSize);
        var projected = graph.Add("MatMul", [masked, graph.Weight("attention.0.weight_t", [spec.OutputSize, spec.HiddenSize], projection.TransposedValues())]);
        var activated = graph.Add("Tanh", [graph.Add("Add", [projected, graph.Weight("attention.0.bias", bias.Shape, bias.Values)])]);
        // A [1, hidden] row read as a [hidden, 1] column: the same values in the same order.
        var scores = graph.Add("Squeeze", [graph.Add("MatMul", [activated, graph.Weight("attention.2.weight_t", [spec.HiddenSize, 1], vector.Values)]), graph.Int64s(2)]);
        var weights = graph.Add("Softmax", [graph.Add("Where", [valid, scores, negativeInfinity])], OnnxAttribute.FromInt("axis", 1));
        var weighted = graph.Add("Mul", [graph.Add("Unsqueeze", [weights, graph.Int64s(2)]), masked]);
        return graph.Add("ReduceSum", [weighted, graph.Int64s(1)], OnnxAttribute.FromInt("keepdims", 0));
    }

    private static void CopyGates(float[] source, int[] order, int blockSize, Span<float> destination)
    {
        for (var k = 0; k < order.Length; k++)
        {
            source.AsSpan(order[k] * blockSize, blockSize).CopyTo(destination[(k * blockSize)..]);
        }
    }
}
