using System.Globalization;
using SentimentKit.Sequences;

namespace SentimentKit.Modeling;

/// <summary>
/// Settings of a <see cref="TransformerClassifier"/>: the shape of its BERT encoder and of its
/// classification head. The defaults are all-MiniLM-L6-v2's encoder (6 layers of width 384, 12
/// heads, feed-forward 1536, 512 positions, the 30,522-token uncased vocabulary) with mean pooling.
/// </summary>
public sealed class TransformerClassifierOptions
{
    /// <summary>Gets or sets the number of rows of the token embedding table (the WordPiece vocabulary size).</summary>
    /// <value>The default value is 30522.</value>
    public int VocabularySize { get; set; } = 30522;

    /// <summary>Gets or sets the width of every hidden state.</summary>
    /// <value>The default value is 384.</value>
    public int HiddenSize { get; set; } = 384;

    /// <summary>Gets or sets the number of encoder layers.</summary>
    /// <value>The default value is 6.</value>
    public int Layers { get; set; } = 6;

    /// <summary>Gets or sets the number of attention heads; it must divide <see cref="HiddenSize"/>.</summary>
    /// <value>The default value is 12.</value>
    public int AttentionHeads { get; set; } = 12;

    /// <summary>Gets or sets the width of the feed-forward layer inside each encoder layer.</summary>
    /// <value>The default value is 1536.</value>
    public int IntermediateSize { get; set; } = 1536;

    /// <summary>Gets or sets the number of learned positions: the longest sequence the model reads.</summary>
    /// <value>The default value is 512.</value>
    public int MaxPositions { get; set; } = 512;

    /// <summary>Gets or sets the number of token types (segments); a single text uses type 0.</summary>
    /// <value>The default value is 2.</value>
    public int TypeVocabularySize { get; set; } = 2;

    /// <summary>Gets or sets the epsilon of every layer normalization.</summary>
    /// <value>The default value is 1e-12, BERT's.</value>
    public double LayerNormEpsilon { get; set; } = 1e-12;

    /// <summary>Gets or sets the dropout probability after the embeddings and after each sublayer.</summary>
    /// <value>The default value is 0.1.</value>
    public double HiddenDropout { get; set; } = 0.1;

    /// <summary>
    /// Gets or sets the dropout probability of the attention weights. On the CPU it has a price:
    /// libtorch's fused attention kernel does not do dropout, so with it attention takes the
    /// unfused path, which made one layer's forward and backward at 256 tokens 7 to 18 times
    /// slower (batch 32 and 8) on a 2-core machine; 0 is worth considering for CPU fine-tuning.
    /// </summary>
    /// <value>The default value is 0.1, BERT's.</value>
    public double AttentionDropout { get; set; } = 0.1;

    /// <summary>Gets or sets how the hidden states become one vector for the head.</summary>
    /// <value>The default value is <see cref="TransformerPooling.Mean"/>.</value>
    public TransformerPooling Pooling { get; set; } = TransformerPooling.Mean;

    /// <summary>Gets or sets the dropout probability before the classification layer.</summary>
    /// <value>The default value is 0.1.</value>
    public double HeadDropout { get; set; } = 0.1;

    /// <summary>Gets or sets the number of classes; at least 2.</summary>
    /// <value>The default value is 2.</value>
    public int ClassCount { get; set; } = 2;

    /// <summary>Gets or sets the padding id (<c>[PAD]</c>); its embedding row receives no gradient.</summary>
    /// <value>The default value is 0, <c>[PAD]</c> in BERT's vocabularies.</value>
    public int PadId { get; set; }

    /// <summary>Gets or sets the unknown-token id (<c>[UNK]</c>); an empty sequence is fed as this single token.</summary>
    /// <value>The default value is 100, <c>[UNK]</c> in BERT's uncased vocabulary.</value>
    public int UnkId { get; set; } = 100;

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.Defined(nameof(Pooling), Pooling);
        errors.Check(VocabularySize >= 2, $"VocabularySize must be at least 2, for the padding and unknown ids (was {VocabularySize}).");
        if (VocabularySize >= 2)
        {
            errors.Check(PadId < VocabularySize, $"PadId ({PadId}) must be below VocabularySize ({VocabularySize}).");
            errors.Check(UnkId < VocabularySize, $"UnkId ({UnkId}) must be below VocabularySize ({VocabularySize}).");
        }

        errors.AtLeast(nameof(HiddenSize), HiddenSize, 1);
        errors.AtLeast(nameof(Layers), Layers, 1);
        errors.AtLeast(nameof(AttentionHeads), AttentionHeads, 1);
        errors.AtLeast(nameof(IntermediateSize), IntermediateSize, 1);
        errors.AtLeast(nameof(MaxPositions), MaxPositions, 1);
        errors.AtLeast(nameof(TypeVocabularySize), TypeVocabularySize, 1);
        errors.Check(HiddenSize < 1 || AttentionHeads < 1 || HiddenSize % AttentionHeads == 0, $"AttentionHeads ({AttentionHeads}) must divide HiddenSize ({HiddenSize}).");
        errors.Check(LayerNormEpsilon > 0 && double.IsFinite(LayerNormEpsilon), FormattableString.Invariant($"LayerNormEpsilon must be positive and finite (was {LayerNormEpsilon})."));
        errors.Probability(nameof(HiddenDropout), HiddenDropout);
        errors.Probability(nameof(AttentionDropout), AttentionDropout);
        errors.Probability(nameof(HeadDropout), HeadDropout);
        errors.AtLeast(nameof(ClassCount), ClassCount, 2);
        PaddingOptions.AddErrors(errors, PadId, UnkId, null, TruncationStrategy.HeadAndTail);
        errors.ThrowIfAny(nameof(TransformerClassifierOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public TransformerClassifierOptions Clone() => (TransformerClassifierOptions)MemberwiseClone();
}
