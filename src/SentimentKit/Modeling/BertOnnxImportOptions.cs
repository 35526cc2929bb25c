using System.Globalization;

namespace SentimentKit.Modeling;

/// <summary>
/// What <see cref="BertOnnxImport"/> cannot always read from a graph. Left unset, each is inferred
/// from the graph, and the import fails naming it where the graph does not tell.
/// </summary>
public sealed class BertOnnxImportOptions
{
    /// <summary>Gets or sets the number of attention heads, or <see langword="null"/> to read it from the attention reshapes.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? AttentionHeads { get; set; }

    /// <summary>Gets or sets the epsilon of the layer normalizations, or <see langword="null"/> to read it from the graph.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? LayerNormEpsilon { get; set; }

    /// <summary>Checks the settings, reporting every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (AttentionHeads is < 1)
        {
            problems.Add($"{nameof(AttentionHeads)} must be at least 1 when set (was {AttentionHeads}).");
        }

        if (LayerNormEpsilon is { } epsilon && !(epsilon > 0 && double.IsFinite(epsilon)))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(LayerNormEpsilon)} must be positive and finite when set (was {epsilon})."));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid BERT ONNX import options: " + string.Join(" ", problems));
        }
    }
}
