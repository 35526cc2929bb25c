using System.Globalization;
using System.Reflection;
using SentimentKit.Artifacts;

namespace SentimentKit.Onnx;

/// <summary>
/// Assembles an opset-17 inference graph node by node: each method adds a node or an initializer and returns
/// the name of the value it defines, so that a graph reads like the computation it exports.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>The operator set the exported graphs use (ONNX Runtime 1.14 and later run it).</summary>
    public const long Opset = 17;

    /// <summary>The name of the logits output, float <c>[batch, classes]</c>.</summary>
    public const string LogitsOutput = "logits";

    /// <summary>The name of the calibrated probabilities output, float <c>[batch, classes]</c>: <c>softmax(logits / T)</c>.</summary>
    public const string ProbabilitiesOutput = "probabilities";

    /// <summary>The name of the dynamic batch dimension.</summary>
    public const string BatchDimension = "batch";

    private readonly OnnxModel _model = new();
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    /// <summary>Initializes a builder for a graph.</summary>
    /// <param name="graphName">The graph's name.</param>
    public OnnxGraphBuilder(string graphName)
    {
        _model.ProducerName = "SentimentKit";
        _model.ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        _model.OpsetImports.Add(new OnnxOperatorSet("", Opset));
        _model.Graph.Name = graphName;
    }

    /// <summary>Declares a graph input.</summary>
    public string Input(string name, OnnxDataType type, params OnnxDimension[] shape)
    {
        _model.Graph.Inputs.Add(new OnnxValueInfo(name, type, shape));
        return name;
    }

    /// <summary>Adds a float initializer.</summary>
    public string Weight(string name, long[] shape, float[] values)
    {
        _model.Graph.Initializers.Add(OnnxTensor.FromFloats(name, shape, values));
        return name;
    }

    /// <summary>Adds a one-dimensional int64 constant (axes, shapes, indices).</summary>
    public string Int64s(params long[] values)
    {
        var name = NextName("const");
        _model.Graph.Initializers.Add(OnnxTensor.FromInt64s(name, [values.Length], values));
        return name;
    }

    /// <summary>Adds a scalar int64 constant.</summary>
    public string Int64Scalar(long value)
    {
        var name = NextName("const");
        _model.Graph.Initializers.Add(OnnxTensor.FromInt64s(name, [], [value]));
        return name;
    }

    /// <summary>Adds a scalar float constant.</summary>
    public string FloatScalar(float value)
    {
        var name = NextName("const");
        _model.Graph.Initializers.Add(OnnxTensor.FromFloats(name, [], [value]));
        return name;
    }

    /// <summary>Adds a node with one output.</summary>
    /// <param name="opType">The operator.</param>
    /// <param name="inputs">The values it reads; an empty name leaves an optional input out.</param>
    /// <param name="attributes">Its attributes.</param>
    /// <returns>The name of its output.</returns>
    public string Add(string opType, string[] inputs, params OnnxAttribute[] attributes) =>
        AddNamed(opType, NextName(opType.ToLowerInvariant()), inputs, attributes);

    /// <summary>Adds a node with one output of a given name (a graph output).</summary>
    public string AddNamed(string opType, string output, string[] inputs, params OnnxAttribute[] attributes) =>
        AddMany(opType, [output], inputs, attributes)[0];

    /// <summary>Adds a node with several outputs, named after the operator.</summary>
    public string[] Add(string opType, int outputCount, string[] inputs, params OnnxAttribute[] attributes)
    {
        var outputs = new string[outputCount];
        var stem = NextName(opType.ToLowerInvariant());
        for (var i = 0; i < outputCount; i++)
        {
            outputs[i] = string.Create(CultureInfo.InvariantCulture, $"{stem}_out{i}");
        }

        return AddMany(opType, outputs, inputs, attributes);
    }

    /// <summary>
    /// Adds the two classifier outputs: <see cref="LogitsOutput"/> from <paramref name="logits"/> and
    /// <see cref="ProbabilitiesOutput"/> = <c>softmax(logits / temperature)</c> over the classes — or, for a multi-label
    /// model (<paramref name="multiLabel"/>), <c>sigmoid(scale × logits + bias)</c> per label with its Platt scaling.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not a positive finite number.</exception>
    public void AddClassifierOutputs(string logits, int classCount, double temperature, MultiLabelSection? multiLabel = null)
    {
        if (!double.IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a positive finite number.");
        }

        AddNamed("Identity", LogitsOutput, [logits]);
        if (multiLabel is not null)
        {
            var calibrated = multiLabel.CalibrationScales is { } scales
                ? Add("Add", [Add("Mul", [logits, Weight("multi_label.scale", [classCount], scales)]), Weight("multi_label.bias", [classCount], multiLabel.CalibrationBiases!)])
                : logits;
            AddNamed("Sigmoid", ProbabilitiesOutput, [calibrated]);
        }
        else
        {
            var scaled = temperature == 1 ? logits : Add("Div", [logits, FloatScalar((float)temperature)]);
            AddNamed("Softmax", ProbabilitiesOutput, [scaled], OnnxAttribute.FromInt("axis", 1));
        }

        OnnxDimension[] shape = [OnnxDimension.Dynamic(BatchDimension), OnnxDimension.Fixed(classCount)];
        _model.Graph.Outputs.Add(new OnnxValueInfo(LogitsOutput, OnnxDataType.Float, shape));
        _model.Graph.Outputs.Add(new OnnxValueInfo(ProbabilitiesOutput, OnnxDataType.Float, shape));
    }

    /// <summary>Finishes the model: metadata (see <see cref="OnnxMetadata.Write"/>) and a consistency check.</summary>
    public OnnxModel Build(string kind, int classCount, double temperature, IReadOnlyDictionary<string, string>? metadata, MultiLabelSection? multiLabel = null)
    {
        OnnxMetadata.Write(_model, kind, classCount, temperature, metadata, multiLabel);
        OnnxModelChecks.Check(_model);
        return _model;
    }

    private string[] AddMany(string opType, string[] outputs, string[] inputs, OnnxAttribute[] attributes)
    {
        var node = new OnnxNode { OpType = opType, Name = outputs[0] };
        node.Inputs.AddRange(inputs);
        node.Outputs.AddRange(outputs);
        node.Attributes.AddRange(attributes);
        _model.Graph.Nodes.Add(node);
        return outputs;
    }

    private string NextName(string stem)
    {
        var index = _counters.GetValueOrDefault(stem);
        _counters[stem] = index + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{stem}_{index}");
    }
}
