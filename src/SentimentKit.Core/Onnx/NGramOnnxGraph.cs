using SentimentKit.Artifacts;

namespace SentimentKit.Onnx;

/// <summary>
/// Builds the ONNX graph (opset 17) of a <c>BagOfNgramsClassifier</c>: per document, the weighted sum of its
/// features' rows of class scores plus a bias, and the calibrated probabilities.
/// </summary>
/// <remarks>
/// <para>
/// Inputs, in the layout of <c>EmbeddingBag</c> (and of <c>BagBatch</c>), so that a batch of sparse documents is
/// three flat arrays: <c>feature_ids</c> int64 <c>[features]</c>, every document's feature ids one document after
/// another; <c>feature_weights</c> float <c>[features]</c>, the weight of each id (its TF-IDF value); and
/// <c>offsets</c> int64 <c>[batch]</c>, where each document starts in <c>feature_ids</c>: non-decreasing, the first
/// 0, each at most <c>features</c>. A document without features is an empty range (two equal offsets, or an offset
/// equal to <c>features</c> at the end); its logits are the bias. The batch size is the length of <c>offsets</c>.
/// </para>
/// <para>
/// Outputs: <c>logits</c> and <c>probabilities</c> = <c>softmax(logits / T)</c>, float <c>[batch, classes]</c>.
/// The graph turns offsets into each feature's document index (a 1 scattered at each offset, then a running sum),
/// gathers and weights the features' rows, and adds them into their documents' rows with <c>ScatterND</c>.
/// </para>
/// </remarks>
internal static class NGramOnnxGraph
{
    /// <summary>The name of the feature-ids input.</summary>
    public const string FeatureIdsInput = "feature_ids";

    /// <summary>The name of the feature-weights input.</summary>
    public const string FeatureWeightsInput = "feature_weights";

    /// <summary>The name of the offsets input.</summary>
    public const string OffsetsInput = "offsets";

    /// <summary>The name of the dynamic dimension of the flat feature arrays.</summary>
    public const string FeaturesDimension = "features";

    /// <summary>The value of <see cref="OnnxMetadata.Kind"/> for this graph.</summary>
    public const string Kind = "ngrams";

    /// <summary>The state-dict key of the class scores of each feature, <c>[features, classes]</c>.</summary>
    public const string WeightKey = "bag.weight";

    /// <summary>The state-dict key of the bias, <c>[classes]</c>.</summary>
    public const string BiasKey = "bias";

    /// <summary>Builds the graph.</summary>
    /// <param name="weights">The module's state dict as float tensors: <c>bag.weight</c> and <c>bias</c>.</param>
    /// <param name="temperature">The calibration temperature applied in <c>probabilities</c>; 1 when uncalibrated.</param>
    /// <param name="metadata">More <c>metadata_props</c> (see <see cref="OnnxMetadata"/>), or <see langword="null"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">A weight is missing or of the wrong shape.</exception>
    /// <param name="multiLabel">The head of a multi-label model (sigmoids, per-label calibration), or <see langword="null"/> for a softmax.</param>
    public static OnnxModel Build(IReadOnlyDictionary<string, FloatTensor> weights, double temperature = 1, IReadOnlyDictionary<string, string>? metadata = null, MultiLabelSection? multiLabel = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var lookup = new WeightLookup(weights);
        var table = lookup.GetMatrix(WeightKey);
        var classes = (int)table.Shape[1];
        var bias = lookup.Get(BiasKey, classes);

        var graph = new OnnxGraphBuilder("sentimentkit_ngrams");
        var features = OnnxDimension.Dynamic(FeaturesDimension);
        var ids = graph.Input(FeatureIdsInput, OnnxDataType.Int64, features);
        var featureWeights = graph.Input(FeatureWeightsInput, OnnxDataType.Float, features);
        var offsets = graph.Input(OffsetsInput, OnnxDataType.Int64, OnnxDimension.Dynamic(OnnxGraphBuilder.BatchDimension));

        var rows = graph.Add("Gather", [graph.Weight(WeightKey, table.Shape, table.Values), ids], OnnxAttribute.FromInt("axis", 0));
        var contributions = graph.Add("Mul", [rows, graph.Add("Unsqueeze", [featureWeights, graph.Int64s(1)])]);

        // One slot past the last feature, so that empty documents at the end (offset == features) have somewhere to land.
        var featureCount = graph.Add("Shape", [ids]);
        var batchSize = graph.Add("Shape", [offsets]);
        var starts = graph.Add(
            "ScatterElements",
            [
                Filled(graph, graph.Add("Add", [featureCount, graph.Int64s(1)]), OnnxTensor.FromInt64s("", [1], [0])),
                offsets,
                Filled(graph, batchSize, OnnxTensor.FromInt64s("", [1], [1])),
            ],
            OnnxAttribute.FromInt("axis", 0),
            OnnxAttribute.FromString("reduction", "add"));
        // Feature j belongs to the last document starting at or before j: the number of starts up to j, minus one.
        var startsPerFeature = graph.Add("Slice", [starts, graph.Int64s(0), featureCount, graph.Int64s(0)]);
        var documentIndex = graph.Add("Sub", [graph.Add("CumSum", [startsPerFeature, graph.Int64Scalar(0)]), graph.Int64Scalar(1)]);

        var zeros = Filled(graph, graph.Add("Concat", [batchSize, graph.Int64s(classes)], OnnxAttribute.FromInt("axis", 0)), OnnxTensor.FromFloats("", [1], [0f]));
        var sums = graph.Add(
            "ScatterND",
            [zeros, graph.Add("Unsqueeze", [documentIndex, graph.Int64s(1)]), contributions],
            OnnxAttribute.FromString("reduction", "add"));
        var logits = graph.Add("Add", [sums, graph.Weight(BiasKey, bias.Shape, bias.Values)]);
        graph.AddClassifierOutputs(logits, classes, temperature, multiLabel);
        return graph.Build(Kind, classes, temperature, metadata, multiLabel);
    }

    private static string Filled(OnnxGraphBuilder graph, string shape, OnnxTensor value) =>
        graph.Add("ConstantOfShape", [shape], OnnxAttribute.FromTensor("value", value));
}
