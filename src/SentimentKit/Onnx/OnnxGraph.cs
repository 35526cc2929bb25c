namespace SentimentKit.Onnx;

/// <summary>
/// A computation graph (<c>GraphProto</c>): nodes in topological order, the constant tensors they read
/// (initializers), and the declared inputs, outputs and intermediate values.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>Gets or sets the graph's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the documentation string (optional).</summary>
    public string? DocString { get; set; }

    /// <summary>Gets the nodes, in topological order.</summary>
    public List<OnnxNode> Nodes { get; } = [];

    /// <summary>Gets the constant tensors (weights), each named by the value it defines.</summary>
    public List<OnnxTensor> Initializers { get; } = [];

    /// <summary>Gets the graph inputs.</summary>
    public List<OnnxValueInfo> Inputs { get; } = [];

    /// <summary>Gets the graph outputs.</summary>
    public List<OnnxValueInfo> Outputs { get; } = [];

    /// <summary>Gets the declared types of intermediate values (optional).</summary>
    public List<OnnxValueInfo> ValueInfo { get; } = [];

    /// <summary>Finds an initializer by name.</summary>
    /// <returns>The tensor, or <see langword="null"/> when there is none of that name.</returns>
    public OnnxTensor? FindInitializer(string name) => Initializers.Find(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>Gets an initializer by name.</summary>
    /// <exception cref="OnnxFormatException">There is no initializer of that name.</exception>
    public OnnxTensor GetInitializer(string name) =>
        FindInitializer(name) ?? throw new OnnxFormatException($"The ONNX graph has no initializer {OnnxFormatException.Quote(name)} (missing input).");

    /// <summary>Indexes the initializers by name (the last wins if a file repeats one).</summary>
    public Dictionary<string, OnnxTensor> InitializersByName()
    {
        var byName = new Dictionary<string, OnnxTensor>(Initializers.Count, StringComparer.Ordinal);
        foreach (var tensor in Initializers)
        {
            byName[tensor.Name] = tensor;
        }

        return byName;
    }
}
