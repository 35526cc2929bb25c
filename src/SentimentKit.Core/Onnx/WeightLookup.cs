namespace SentimentKit.Onnx;

/// <summary>Looks weights up by state-dict key and checks their shapes, for the graph builders.</summary>
/// <param name="weights">The weights by key, for example from <see cref="TorchStateDict.ToFloatTensors"/>.</param>
internal sealed class WeightLookup(IReadOnlyDictionary<string, FloatTensor> weights)
{
    /// <summary>Gets a weight that must have a shape.</summary>
    /// <exception cref="ArgumentException">The weight is missing or has another shape.</exception>
    public FloatTensor Get(string name, params long[] shape)
    {
        var tensor = Find(name);
        if (!tensor.HasShape(shape))
        {
            throw new ArgumentException($"Weight '{name}' has shape {tensor.ShapeText}; the model needs [{string.Join(", ", shape)}].");
        }

        return tensor;
    }

    /// <summary>Gets a weight that must be a matrix of any size.</summary>
    /// <exception cref="ArgumentException">The weight is missing or not two-dimensional.</exception>
    public FloatTensor GetMatrix(string name)
    {
        var tensor = Find(name);
        if (tensor.Shape.Length != 2 || tensor.Shape[0] < 1 || tensor.Shape[1] < 1 || tensor.Shape[0] > int.MaxValue || tensor.Shape[1] > int.MaxValue)
        {
            throw new ArgumentException($"Weight '{name}' has shape {tensor.ShapeText}; the model needs a non-empty matrix.");
        }

        return tensor;
    }

    private FloatTensor Find(string name) =>
        weights.TryGetValue(name, out var tensor) ? tensor : throw new ArgumentException($"The weights have no '{name}'.");
}
