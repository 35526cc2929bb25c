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

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.AtLeastWhenSet(nameof(AttentionHeads), AttentionHeads, 1);
        errors.Check(LayerNormEpsilon is null || (LayerNormEpsilon > 0 && double.IsFinite(LayerNormEpsilon.Value)), FormattableString.Invariant($"{nameof(LayerNormEpsilon)} must be positive and finite when set (was {LayerNormEpsilon})."));
        errors.ThrowIfAny(nameof(BertOnnxImportOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public BertOnnxImportOptions Clone() => (BertOnnxImportOptions)MemberwiseClone();
}
