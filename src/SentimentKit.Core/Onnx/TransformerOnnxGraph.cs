using SentimentKit.Artifacts;

namespace SentimentKit.Onnx;

/// <summary>
/// Builds the ONNX graph (opset 17) of a <c>TransformerClassifier</c> in evaluation mode from its state dict: the
/// same logits as the TorchSharp module, and the calibrated probabilities.
/// </summary>
/// <remarks>
/// <para>
/// Inputs: those of the RNN graph (<see cref="SequenceGraphParts"/>), so that one session scorer feeds both:
/// <c>ids</c> int64 <c>[batch, time]</c>, right-padded, <c>[CLS] ... [SEP]</c> as <c>WordPieceEncoder</c> makes
/// them, <c>time</c> at most the encoder's positions; <c>lengths</c> int64 <c>[batch]</c>, each in
/// <c>[1, time]</c>. Outputs: <c>logits</c> and <c>probabilities</c> = <c>softmax(logits / T)</c>, float
/// <c>[batch, classes]</c>.
/// </para>
/// <para>
/// The module's computation, step by step (post-LN BERT): word embeddings + positions <c>[0, time)</c> + the
/// token-type row 0, layer normalization; in each layer, multi-head attention in which a padded key gets
/// <c>-inf</c> before the softmax — weight exactly 0, as libtorch's scaled dot-product attention gives it with a
/// boolean mask — then the output projection, the residual and a layer normalization, then the feed-forward
/// block with the exact (erf) GELU, the residual and a layer normalization; pooling over the real tokens (or the
/// <c>[CLS]</c> state); the classifier. Linear weights are stored <c>[in, out]</c> (transposed once, here) for
/// <c>MatMul</c>; the query, key and value projections are one <c>MatMul</c> of their concatenation. Dropout is the
/// identity in evaluation mode and has no node.
/// </para>
/// </remarks>
internal static class TransformerOnnxGraph
{
    /// <summary>The value of <see cref="OnnxMetadata.Kind"/> for this graph.</summary>
    public const string Kind = "transformer";

    /// <summary>The state-dict key (and initializer name) of the word embeddings, <c>[vocabulary, hidden]</c>.</summary>
    public const string WordEmbeddingsKey = "bert.embeddings.word_embeddings.weight";

    /// <summary>The state-dict key (and initializer name) of the position embeddings, <c>[positions, hidden]</c>: their rows bound <c>time</c>.</summary>
    public const string PositionEmbeddingsKey = "bert.embeddings.position_embeddings.weight";

    /// <summary>Builds the graph.</summary>
    /// <param name="network">The architecture.</param>
    /// <param name="weights">The module's state dict as float tensors, by key (<c>bert.embeddings.word_embeddings.weight</c>, ...).</param>
    /// <param name="temperature">The calibration temperature applied in <c>probabilities</c>; 1 when uncalibrated.</param>
    /// <param name="metadata">More <c>metadata_props</c> (see <see cref="OnnxMetadata"/>), or <see langword="null"/>.</param>
    /// <param name="multiLabel">The head of a multi-label model (sigmoids, per-label calibration), or <see langword="null"/> for a softmax.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The architecture is invalid, or a weight is missing or of another shape.</exception>
    public static OnnxModel Build(TransformerNetworkSection network, IReadOnlyDictionary<string, FloatTensor> weights, double temperature = 1, IReadOnlyDictionary<string, string>? metadata = null, MultiLabelSection? multiLabel = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(weights);
        network.Validate();
        var lookup = new WeightLookup(weights);
        var graph = new OnnxGraphBuilder("sentimentkit_transformer");
        var (ids, lengths) = SequenceGraphParts.Inputs(graph);
        var hidden = Embeddings(graph, lookup, network, ids);
        var valid = SequenceGraphParts.ValidSteps(graph, ids, lengths);

        // [batch, 1, 1, time]: 0 at real keys, -inf at padded ones, added to every head's scores of every query.
        var keyBias = graph.Add(
            "Where",
            [graph.Add("Unsqueeze", [valid, graph.Int64s(1, 2)]), graph.FloatScalar(0), graph.FloatScalar(float.NegativeInfinity)]);
        for (var layer = 0; layer < network.Layers; layer++)
        {
            hidden = Layer(graph, lookup, network, $"bert.encoder.layer.{layer}.", hidden, keyBias);
        }

        var pooled = network.Pooling == TransformerOnnxPooling.Cls
            ? graph.Add("Gather", [hidden, graph.Int64Scalar(0)], OnnxAttribute.FromInt("axis", 1))
            : SequenceGraphParts.MeanOverLength(graph, SequenceGraphParts.ZeroPadding(graph, hidden, valid), lengths);
        var logits = SequenceGraphParts.Linear(graph, lookup, "classifier", pooled, network.ClassCount, network.HiddenSize);
        graph.AddClassifierOutputs(logits, network.ClassCount, temperature, multiLabel);
        return graph.Build(Kind, network.ClassCount, temperature, metadata, multiLabel);
    }

    /// <summary>Word + position + token type 0, normalized: <c>[batch, time, hidden]</c>.</summary>
    private static string Embeddings(OnnxGraphBuilder graph, WeightLookup lookup, TransformerNetworkSection network, string ids)
    {
        var hidden = network.HiddenSize;
        var words = lookup.Get(WordEmbeddingsKey, network.VocabularySize, hidden);
        var positions = lookup.Get(PositionEmbeddingsKey, network.MaxPositions, hidden);
        var tokenTypes = lookup.Get("bert.embeddings.token_type_embeddings.weight", network.TypeVocabularySize, hidden);
        var embedded = graph.Add("Gather", [graph.Weight(WordEmbeddingsKey, words.Shape, words.Values), ids], OnnxAttribute.FromInt("axis", 0));

        // Positions 0..time-1 are the first rows of the table, as the module slices them; time = ids.shape[1:2].
        var time = graph.Add("Shape", [ids], OnnxAttribute.FromInt("start", 1), OnnxAttribute.FromInt("end", 2));
        var used = graph.Add("Slice", [graph.Weight(PositionEmbeddingsKey, positions.Shape, positions.Values), graph.Int64s(0), time, graph.Int64s(0)]);
        var tokenType = graph.Weight("bert.embeddings.token_type_embeddings.row0", [hidden], tokenTypes.Values[..hidden]);
        var sum = graph.Add("Add", [graph.Add("Add", [embedded, used]), tokenType]);
        return LayerNorm(graph, lookup, network, "bert.embeddings.LayerNorm", sum);
    }

    /// <summary>One post-LN encoder layer: <c>[batch, time, hidden]</c> in and out.</summary>
    private static string Layer(OnnxGraphBuilder graph, WeightLookup lookup, TransformerNetworkSection network, string prefix, string input, string keyBias)
    {
        var attended = SelfAttention(graph, lookup, network, prefix + "attention.self.", input, keyBias);
        var attentionOut = AddNorm(graph, lookup, network, prefix + "attention.output.", attended, network.HiddenSize, input);
        var intermediate = Dense(graph, lookup, prefix + "intermediate.dense", attentionOut, network.IntermediateSize, network.HiddenSize);
        return AddNorm(graph, lookup, network, prefix + "output.", Gelu(graph, intermediate), network.IntermediateSize, attentionOut);
    }

    /// <summary>Multi-head scaled dot-product attention over the real keys; the heads concatenated, <c>[batch, time, hidden]</c>.</summary>
    private static string SelfAttention(OnnxGraphBuilder graph, WeightLookup lookup, TransformerNetworkSection network, string prefix, string input, string keyBias)
    {
        var hidden = network.HiddenSize;
        var weight = new float[hidden * 3 * hidden];
        var bias = new float[3 * hidden];
        string[] projections = ["query", "key", "value"];
        for (var p = 0; p < projections.Length; p++)
        {
            // Row i of the [in, 3·out] matrix holds input i's weights to the query, key and value outputs, in that order.
            var transposed = lookup.Get(prefix + projections[p] + ".weight", hidden, hidden).TransposedValues();
            for (var i = 0; i < hidden; i++)
            {
                transposed.AsSpan(i * hidden, hidden).CopyTo(weight.AsSpan((i * 3 * hidden) + (p * hidden)));
            }

            lookup.Get(prefix + projections[p] + ".bias", hidden).Values.CopyTo(bias, p * hidden);
        }

        var qkv = graph.Add("Add", [graph.Add("MatMul", [input, graph.Weight(prefix + "qkv.weight_t", [hidden, 3 * hidden], weight)]), graph.Weight(prefix + "qkv.bias", [3 * hidden], bias)]);
        var parts = graph.Add("Split", 3, [qkv, graph.Int64s(hidden, hidden, hidden)], OnnxAttribute.FromInt("axis", 2));
        var headShape = graph.Int64s(0, 0, network.AttentionHeads, network.HeadSize);
        string Heads(string projected, params long[] perm) => graph.Add("Transpose", [graph.Add("Reshape", [projected, headShape])], OnnxAttribute.FromInts("perm", perm));

        // [batch, heads, time, head] queries and values, keys as [batch, heads, head, time].
        var scores = graph.Add("MatMul", [Heads(parts[0], 0, 2, 1, 3), Heads(parts[1], 0, 2, 3, 1)]);
        var scaled = graph.Add("Mul", [scores, graph.FloatScalar((float)(1 / Math.Sqrt(network.HeadSize)))]);
        var weights = graph.Add("Softmax", [graph.Add("Add", [scaled, keyBias])], OnnxAttribute.FromInt("axis", -1));
        var context = graph.Add("MatMul", [weights, Heads(parts[2], 0, 2, 1, 3)]);
        return graph.Add("Reshape", [graph.Add("Transpose", [context], OnnxAttribute.FromInts("perm", 0, 2, 1, 3)), graph.Int64s(0, 0, hidden)]);
    }

    /// <summary>BERT's <c>output</c> blocks: projection, residual, layer normalization.</summary>
    private static string AddNorm(OnnxGraphBuilder graph, WeightLookup lookup, TransformerNetworkSection network, string prefix, string input, int inputSize, string residual)
    {
        var projected = Dense(graph, lookup, prefix + "dense", input, network.HiddenSize, inputSize);
        return LayerNorm(graph, lookup, network, prefix + "LayerNorm", graph.Add("Add", [projected, residual]));
    }

    /// <summary>A libtorch <c>Linear</c> over <c>[batch, time, in]</c>: <c>MatMul</c> with the transposed weight, then the bias.</summary>
    private static string Dense(OnnxGraphBuilder graph, WeightLookup lookup, string prefix, string input, int outputs, int inputs)
    {
        var weight = lookup.Get(prefix + ".weight", outputs, inputs);
        var bias = lookup.Get(prefix + ".bias", outputs);
        var product = graph.Add("MatMul", [input, graph.Weight(prefix + ".weight_t", [inputs, outputs], weight.TransposedValues())]);
        return graph.Add("Add", [product, graph.Weight(prefix + ".bias", bias.Shape, bias.Values)]);
    }

    /// <summary>
    /// The exact (erf) GELU, <c>x · (1 + erf(x / √2)) · 0.5</c>: within a rounding of libtorch's <c>x · 0.5 · (1 + erf(x · 1/√2))</c>,
    /// and written as BERT's exports write it, so that ONNX Runtime fuses it with the bias before it into one
    /// <c>BiasGelu</c> kernel (it does not recognize the multiplication by 1/√2).
    /// </summary>
    private static string Gelu(OnnxGraphBuilder graph, string x)
    {
        var erf = graph.Add("Erf", [graph.Add("Div", [x, graph.FloatScalar((float)Math.Sqrt(2))])]);
        return graph.Add("Mul", [graph.Add("Mul", [x, graph.Add("Add", [erf, graph.FloatScalar(1)])]), graph.FloatScalar(0.5f)]);
    }

    private static string LayerNorm(OnnxGraphBuilder graph, WeightLookup lookup, TransformerNetworkSection network, string prefix, string input)
    {
        var scale = lookup.Get(prefix + ".weight", network.HiddenSize);
        var bias = lookup.Get(prefix + ".bias", network.HiddenSize);
        return graph.Add(
            "LayerNormalization",
            [input, graph.Weight(prefix + ".weight", scale.Shape, scale.Values), graph.Weight(prefix + ".bias", bias.Shape, bias.Values)],
            OnnxAttribute.FromInt("axis", -1),
            OnnxAttribute.FromFloat("epsilon", (float)network.LayerNormEpsilon));
    }
}
