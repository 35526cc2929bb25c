namespace SentimentKit.Onnx;

/// <summary>
/// What the graphs over right-padded id sequences (<see cref="RnnOnnxGraph"/>, <see cref="TransformerOnnxGraph"/>)
/// share: their two inputs, so that one session scorer feeds both; the mask of real steps; the mean over them; and
/// libtorch's <c>Linear</c>.
/// </summary>
internal static class SequenceGraphParts
{
    /// <summary>The name of the ids input, int64 <c>[batch, time]</c>.</summary>
    public const string IdsInput = "ids";

    /// <summary>The name of the lengths input, int64 <c>[batch]</c>, each in <c>[1, time]</c>.</summary>
    public const string LengthsInput = "lengths";

    /// <summary>The name of the dynamic time dimension.</summary>
    public const string TimeDimension = "time";

    /// <summary>Declares the two inputs.</summary>
    public static (string Ids, string Lengths) Inputs(OnnxGraphBuilder graph)
    {
        var batch = OnnxDimension.Dynamic(OnnxGraphBuilder.BatchDimension);
        var ids = graph.Input(IdsInput, OnnxDataType.Int64, batch, OnnxDimension.Dynamic(TimeDimension));
        var lengths = graph.Input(LengthsInput, OnnxDataType.Int64, batch);
        return (ids, lengths);
    }

    /// <summary>Bool <c>[batch, time]</c>: <see langword="true"/> where the step is below the sequence's length.</summary>
    public static string ValidSteps(OnnxGraphBuilder graph, string ids, string lengths)
    {
        var time = graph.Add("Gather", [graph.Add("Shape", [ids]), graph.Int64Scalar(1)], OnnxAttribute.FromInt("axis", 0));
        var positions = graph.Add("Range", [graph.Int64Scalar(0), time, graph.Int64Scalar(1)]);
        return graph.Add("Less", [graph.Add("Unsqueeze", [positions, graph.Int64s(0)]), graph.Add("Unsqueeze", [lengths, graph.Int64s(1)])]);
    }

    /// <summary><c>[batch, time, features]</c> with the padded steps zeroed.</summary>
    public static string ZeroPadding(OnnxGraphBuilder graph, string steps, string valid) =>
        graph.Add("Mul", [steps, graph.Add("Cast", [graph.Add("Unsqueeze", [valid, graph.Int64s(2)])], OnnxAttribute.FromInt("to", (long)OnnxDataType.Float))]);

    /// <summary>The mean of <see cref="ZeroPadding"/>'s output over each sequence's real steps, <c>[batch, features]</c>.</summary>
    public static string MeanOverLength(OnnxGraphBuilder graph, string masked, string lengths) => graph.Add(
        "Div",
        [
            graph.Add("ReduceSum", [masked, graph.Int64s(1)], OnnxAttribute.FromInt("keepdims", 0)),
            graph.Add("Unsqueeze", [graph.Add("Cast", [lengths], OnnxAttribute.FromInt("to", (long)OnnxDataType.Float)), graph.Int64s(1)]),
        ]);

    /// <summary>A libtorch <c>Linear</c> (<c>x·Wᵀ + b</c>, <c>W</c> <c>[out, in]</c>) of a matrix input as <c>Gemm</c> with <c>transB</c>.</summary>
    public static string Linear(OnnxGraphBuilder graph, WeightLookup lookup, string prefix, string input, int outputs, int inputs)
    {
        var weight = lookup.Get(prefix + ".weight", outputs, inputs);
        var bias = lookup.Get(prefix + ".bias", outputs);
        return graph.Add(
            "Gemm",
            [input, graph.Weight(prefix + ".weight", weight.Shape, weight.Values), graph.Weight(prefix + ".bias", bias.Shape, bias.Values)],
            OnnxAttribute.FromInt("transB", 1));
    }
}
