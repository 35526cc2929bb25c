using System.Globalization;
using System.Text.RegularExpressions;
using SentimentKit.Onnx;
using SentimentKit.Sequences;
using SentimentKit.Text;

namespace SentimentKit.Modeling;

/// <summary>
/// Reads a BERT-family encoder exported to ONNX (such as all-MiniLM-L6-v2's <c>model.onnx</c>)
/// with its <c>vocab.txt</c>, for a <see cref="TransformerClassifier"/> to start from.
/// </summary>
/// <remarks>
/// <para>
/// The configuration is read from the graph: vocabulary, width, positions and token types from the
/// embedding tables, the number of layers from the <c>encoder.layer.{i}</c> names, the
/// feed-forward width from its bias, the number of heads from the shape the attention reshapes
/// its projections to, the layer-norm epsilon from the normalization that follows the embeddings.
/// </para>
/// <para>
/// PyTorch's exporter keeps the names of embeddings, biases and layer-norm weights but turns each
/// linear weight into an anonymous initializer stored <c>[in, out]</c> for <c>MatMul</c>; its name
/// is recovered from the <c>Add</c> that adds a named bias to the product
/// (<c>encoder.layer.0.attention.self.query.bias</c> names <c>...query.weight</c>), and the
/// weight is transposed to <c>[out, in]</c>. <c>Gemm</c> nodes with a named bias are read the same way.
/// Names may carry a <c>bert.</c> prefix. The pooler, if any, is not read.
/// </para>
/// </remarks>
public static partial class BertOnnxImport
{
    private const string WordEmbeddings = "embeddings.word_embeddings.weight";
    private const string PositionEmbeddings = "embeddings.position_embeddings.weight";
    private const string TokenTypeEmbeddings = "embeddings.token_type_embeddings.weight";

    /// <summary>Reads an encoder and its vocabulary.</summary>
    /// <param name="onnxPath">The ONNX file of the encoder (inputs <c>input_ids</c> and so on, output the last hidden state).</param>
    /// <param name="vocabularyPath">Its <c>vocab.txt</c>.</param>
    /// <param name="options">What the graph may not tell; <see langword="null"/> to infer everything.</param>
    /// <returns>The encoder's configuration and weights, ready to load into a classifier.</returns>
    /// <exception cref="PretrainedModelException">The file is not a readable ONNX model, a tensor is missing or has the wrong shape, the layout is not understood, or the vocabulary does not fit the embeddings.</exception>
    /// <exception cref="TextFormatException">The vocabulary file is malformed.</exception>
    public static PretrainedBertEncoder Read(string onnxPath, string vocabularyPath, BertOnnxImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(onnxPath);
        ArgumentException.ThrowIfNullOrEmpty(vocabularyPath);
        options ??= new BertOnnxImportOptions();
        options.Validate();
        var vocabulary = WordPieceVocabulary.Load(vocabularyPath);
        OnnxModel model;
        try
        {
            model = OnnxModel.Read(File.ReadAllBytes(onnxPath));
        }
        catch (OnnxFormatException e)
        {
            throw new PretrainedModelException(onnxPath, $"not a readable ONNX model: {e.Message}", e);
        }

        return FromGraph(model.Graph, vocabulary, onnxPath, options);
    }

    /// <summary>Reads the encoder out of a parsed graph.</summary>
    internal static PretrainedBertEncoder FromGraph(OnnxGraph graph, WordPieceVocabulary vocabulary, string source, BertOnnxImportOptions options)
    {
        var index = new GraphIndex(graph);
        var unresolved = new List<string>();
        var tensors = CollectWeights(index, unresolved);
        PretrainedModelException Fail(string reason) => new(source, reason);

        var word = Require(tensors, WordEmbeddings, 2, source);
        var positions = Require(tensors, PositionEmbeddings, 2, source);
        var types = Require(tensors, TokenTypeEmbeddings, 2, source);
        var layers = tensors.Keys.Select(n => LayerName().Match(n)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max() + 1;
        if (layers == 0)
        {
            throw Fail("no encoder.layer.{i}.* tensors: not a BERT encoder, or one whose names were not kept.");
        }

        var intermediate = Require(tensors, "encoder.layer.0.intermediate.dense.bias", 1, source);
        var hidden = word.Dims[1];
        if (vocabulary.Count != word.Dims[0])
        {
            throw Fail($"the vocabulary has {vocabulary.Count:N0} tokens but {WordEmbeddings} has {word.Dims[0]:N0} rows; they are not a pair.");
        }

        var heads = options.AttentionHeads ?? InferHeads(index, hidden)
            ?? throw Fail($"cannot tell the number of attention heads: no Reshape of encoder.layer.0's query, key or value to [batch, time, heads, {hidden} / heads] with constant heads; set {nameof(BertOnnxImportOptions)}.{nameof(BertOnnxImportOptions.AttentionHeads)}.");
        var epsilon = options.LayerNormEpsilon ?? InferEpsilon(index)
            ?? throw Fail($"cannot tell the layer-norm epsilon: embeddings.LayerNorm.weight is used neither by a LayerNormalization node nor by the decomposed form (ReduceMean, Sub, Pow, ReduceMean, Add epsilon, Sqrt, Div, Mul); set {nameof(BertOnnxImportOptions)}.{nameof(BertOnnxImportOptions.LayerNormEpsilon)}.");
        if (!index.Nodes.Any(n => n.OpType is "Erf" or "Gelu"))
        {
            throw Fail("the feed-forward activation is not GELU with erf (no Erf or Gelu node); only BERT's exact GELU is supported.");
        }

        var shape = new TransformerClassifierOptions
        {
            VocabularySize = checked((int)word.Dims[0]),
            HiddenSize = checked((int)hidden),
            Layers = layers,
            AttentionHeads = heads,
            IntermediateSize = checked((int)intermediate.Dims[0]),
            MaxPositions = checked((int)positions.Dims[0]),
            TypeVocabularySize = checked((int)types.Dims[0]),
            LayerNormEpsilon = epsilon,
            PadId = vocabulary.PadId,
            UnkId = vocabulary.UnkId,
        };
        try
        {
            shape.Validate();
        }
        catch (InvalidOptionsException e)
        {
            throw Fail($"the graph describes no valid encoder: {string.Join(" ", e.Errors)}");
        }

        var problems = new List<string>();
        var kept = new Dictionary<string, ImportedTensor>(StringComparer.Ordinal);
        foreach (var (name, expected) in BertEncoder.ParameterShapes(shape))
        {
            if (!tensors.TryGetValue(name, out var tensor))
            {
                problems.Add($"missing tensor {name}");
            }
            else if (!tensor.Dims.SequenceEqual(expected))
            {
                problems.Add($"{name} is [{string.Join(", ", tensor.Dims)}] (as [out, in]), a {layers}-layer encoder of width {hidden} needs [{string.Join(", ", expected)}]");
            }
            else
            {
                kept[name] = tensor;
            }
        }

        if (problems.Count > 0)
        {
            var notes = unresolved.Count > 0 ? $" Unknown layout: {string.Join("; ", unresolved.Take(5))}." : string.Empty;
            throw Fail($"{problems.Count} encoder tensor{(problems.Count == 1 ? " does" : "s do")} not match: {string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? "; ..." : string.Empty)}.{notes}");
        }

        return new PretrainedBertEncoder(source, vocabulary, shape, kept);
    }

    [GeneratedRegex(@"^encoder\.layer\.(\d+)\.")]
    private static partial Regex LayerName();

    private static ImportedTensor Require(Dictionary<string, ImportedTensor> tensors, string name, int rank, string source)
    {
        if (!tensors.TryGetValue(name, out var tensor))
        {
            throw new PretrainedModelException(source, $"missing tensor {name}: not a BERT encoder, or one whose names were not kept.");
        }

        if (tensor.Dims.Length != rank)
        {
            throw new PretrainedModelException(source, $"{name} has shape [{string.Join(", ", tensor.Dims)}]; a tensor of rank {rank} was expected.");
        }

        return tensor;
    }

    /// <summary>The float initializers under their PyTorch names: named ones as they are, linear weights named after their biases.</summary>
    private static Dictionary<string, ImportedTensor> CollectWeights(GraphIndex index, List<string> unresolved)
    {
        var tensors = new Dictionary<string, ImportedTensor>(StringComparer.Ordinal);
        foreach (var (name, initializer) in index.Initializers)
        {
            if (IsFloat(initializer) && Canonical(name) is { } canonical)
            {
                tensors[canonical] = new ImportedTensor(initializer, Transpose: false);
            }
        }

        foreach (var node in index.Nodes)
        {
            if (node.OpType is not ("MatMul" or "Gemm") || node.Inputs.Count < 2
                || !index.Initializers.TryGetValue(node.Inputs[1], out var weight) || !IsFloat(weight) || weight.Dims.Length != 2)
            {
                continue;
            }

            // MatMul computes x·W with W [in, out]; Gemm says which way round B is. A weight that
            // kept its name is stored the same way, so it is taken from here too: a square one
            // would otherwise pass the shape check untransposed.
            var transpose = node.OpType == "MatMul" || node.FindAttribute("transB") is not { Int: 1 };
            var bias = node.OpType == "Gemm" && node.Inputs.Count > 2 ? node.Inputs[2] : BiasAddedTo(index, node.Outputs[0]);
            if (Canonical(weight.Name) is { } weightName && weightName.EndsWith(".weight", StringComparison.Ordinal))
            {
                tensors[weightName] = new ImportedTensor(weight, transpose);
            }
            else if (bias is not null && Canonical(bias) is { } biasName && biasName.EndsWith(".bias", StringComparison.Ordinal))
            {
                tensors[biasName[..^"bias".Length] + "weight"] = new ImportedTensor(weight, transpose);
            }
            else
            {
                unresolved.Add($"{node.OpType} {OnnxFormatException.Quote(node.Name)} multiplies by {OnnxFormatException.Quote(weight.Name)} [{string.Join(", ", weight.Dims)}] but adds no named bias to take a name from");
            }
        }

        return tensors;
    }

    /// <summary>The named initializer that an <c>Add</c> adds to a value, or <see langword="null"/>.</summary>
    private static string? BiasAddedTo(GraphIndex index, string value)
    {
        foreach (var consumer in index.ConsumersOf(value))
        {
            if (consumer.OpType == "Add" && consumer.Inputs.Count == 2)
            {
                var other = consumer.Inputs[0] == value ? consumer.Inputs[1] : consumer.Inputs[0];
                if (index.Initializers.ContainsKey(other))
                {
                    return other;
                }
            }
        }

        return null;
    }

    /// <summary>The PyTorch name of a BERT encoder tensor, without a <c>bert.</c> prefix; <see langword="null"/> for other names.</summary>
    private static string? Canonical(string name)
    {
        var trimmed = name.StartsWith("bert.", StringComparison.Ordinal) ? name["bert.".Length..] : name;
        return trimmed.StartsWith("embeddings.", StringComparison.Ordinal) || trimmed.StartsWith("encoder.layer.", StringComparison.Ordinal)
            || trimmed.StartsWith("pooler.", StringComparison.Ordinal)
            ? trimmed
            : null;
    }

    private static bool IsFloat(OnnxTensor tensor) => tensor.DataType is OnnxDataType.Float or OnnxDataType.Double or OnnxDataType.Float16 or OnnxDataType.BFloat16;

    /// <summary>Heads from the Reshape of layer 0's query, key or value to <c>[batch, time, heads, size]</c>.</summary>
    private static int? InferHeads(GraphIndex index, long hidden)
    {
        foreach (var projection in new[] { "query", "key", "value" })
        {
            var bias = index.Initializers.Keys.FirstOrDefault(n => Canonical(n) == $"encoder.layer.0.attention.self.{projection}.bias");
            if (bias is null)
            {
                continue;
            }

            foreach (var add in index.ConsumersOf(bias).Where(n => n.OpType == "Add"))
            {
                foreach (var reshape in index.ConsumersOf(add.Outputs[0]).Where(n => n.OpType == "Reshape" && n.Inputs.Count == 2))
                {
                    var target = index.ResolveInt64s(reshape.Inputs[1]);
                    if (target is { Length: 4 } && target[2] is { } heads && target[3] is { } size && heads > 0 && heads * size == hidden)
                    {
                        return checked((int)heads);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The epsilon of the layer normalization that <c>embeddings.LayerNorm.weight</c> scales.</summary>
    private static double? InferEpsilon(GraphIndex index)
    {
        var weight = index.Initializers.Keys.FirstOrDefault(n => Canonical(n) == "embeddings.LayerNorm.weight");
        if (weight is null)
        {
            return null;
        }

        foreach (var node in index.ConsumersOf(weight))
        {
            if (node.OpType == "LayerNormalization")
            {
                // The operator's default when the attribute is left out.
                return node.FindAttribute("epsilon") is { } attribute ? attribute.Float : 1e-5;
            }

            // Decomposed: ((x - mean) / sqrt(mean((x - mean)^2) + epsilon)) * weight + bias.
            if (node.OpType == "Mul"
                && index.ProducerOf(node.Inputs[0] == weight ? node.Inputs[1] : node.Inputs[0]) is { OpType: "Div" } div
                && index.ProducerOf(div.Inputs[1]) is { OpType: "Sqrt" } sqrt
                && index.ProducerOf(sqrt.Inputs[0]) is { OpType: "Add" } add)
            {
                foreach (var input in add.Inputs)
                {
                    if (index.ResolveFloatScalar(input) is { } epsilon)
                    {
                        return epsilon;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The graph's nodes indexed by the values they read and write.</summary>
    private sealed class GraphIndex
    {
        private readonly Dictionary<string, OnnxNode> _producers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<OnnxNode>> _consumers = new(StringComparer.Ordinal);

        public GraphIndex(OnnxGraph graph)
        {
            Nodes = graph.Nodes;
            Initializers = graph.InitializersByName();
            foreach (var node in graph.Nodes)
            {
                foreach (var output in node.Outputs)
                {
                    _producers[output] = node;
                }

                foreach (var input in node.Inputs)
                {
                    if (!_consumers.TryGetValue(input, out var list))
                    {
                        _consumers[input] = list = [];
                    }

                    list.Add(node);
                }
            }
        }

        public IReadOnlyList<OnnxNode> Nodes { get; }

        public Dictionary<string, OnnxTensor> Initializers { get; }

        public OnnxNode? ProducerOf(string value) => _producers.GetValueOrDefault(value);

        public List<OnnxNode> ConsumersOf(string value) => _consumers.TryGetValue(value, out var list) ? list : [];

        /// <summary>A constant int64 vector; elements computed at run time (an Unsqueeze of a Gather of a Shape) are null.</summary>
        public long?[]? ResolveInt64s(string value)
        {
            if (ConstantTensor(value) is { } constant)
            {
                return constant.DataType is OnnxDataType.Int64 or OnnxDataType.Int32 ? constant.GetInt64s().Select(v => (long?)v).ToArray() : null;
            }

            switch (ProducerOf(value))
            {
                case { OpType: "Concat" } concat:
                    var parts = new List<long?>();
                    foreach (var input in concat.Inputs)
                    {
                        if (ResolveInt64s(input) is not { } part)
                        {
                            return null;
                        }

                        parts.AddRange(part);
                    }

                    return [.. parts];
                case { OpType: "Unsqueeze" }:
                    // The exporter builds [batch, time, ...] from scalars known only at run time.
                    return [null];
                default:
                    return null;
            }
        }

        public double? ResolveFloatScalar(string value) =>
            ConstantTensor(value) is { ElementCount: 1 } tensor && IsFloat(tensor) ? tensor.GetFloats()[0] : null;

        private OnnxTensor? ConstantTensor(string value) =>
            Initializers.TryGetValue(value, out var initializer) ? initializer
            : ProducerOf(value) is { OpType: "Constant" } constant ? constant.FindAttribute("value")?.Tensor
            : null;
    }
}
