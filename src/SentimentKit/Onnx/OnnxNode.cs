namespace SentimentKit.Onnx;

/// <summary>
/// One operator application in a graph (<c>NodeProto</c>). An empty input name stands for an optional input
/// that is left out.
/// </summary>
internal sealed class OnnxNode
{
    /// <summary>Gets or sets the node's name (optional).</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the operator (for example <c>LSTM</c>).</summary>
    public string OpType { get; set; } = "";

    /// <summary>Gets or sets the operator set's domain; empty for the standard <c>ai.onnx</c> operators.</summary>
    public string Domain { get; set; } = "";

    /// <summary>Gets the names of the values the node reads, in the operator's order.</summary>
    public List<string> Inputs { get; } = [];

    /// <summary>Gets the names of the values the node writes, in the operator's order.</summary>
    public List<string> Outputs { get; } = [];

    /// <summary>Gets the attributes.</summary>
    public List<OnnxAttribute> Attributes { get; } = [];

    /// <summary>Finds an attribute by name.</summary>
    /// <returns>The attribute, or <see langword="null"/> when the node has none of that name.</returns>
    public OnnxAttribute? FindAttribute(string name) => Attributes.Find(a => string.Equals(a.Name, name, StringComparison.Ordinal));
}
