using System.Globalization;
using System.Text.Json.Serialization;

namespace SentimentKit.Onnx;

/// <summary>
/// The <c>network</c> of the manifest section <c>transformer</c>: a <c>TransformerClassifier</c>'s options as the
/// TorchSharp package writes them (the same names, in the same order, dropout included), read and written without
/// that package. The ONNX graph reads the shape; the dropout rates are kept so that the section reads back whole.
/// </summary>
internal sealed record TransformerNetworkSection
{
    /// <summary>Gets the number of token embedding rows (the WordPiece vocabulary size).</summary>
    public int VocabularySize { get; init; }

    /// <summary>Gets the width of every hidden state.</summary>
    public int HiddenSize { get; init; }

    /// <summary>Gets the number of encoder layers.</summary>
    public int Layers { get; init; }

    /// <summary>Gets the number of attention heads; it divides <see cref="HiddenSize"/>.</summary>
    public int AttentionHeads { get; init; }

    /// <summary>Gets the width of each layer's feed-forward block.</summary>
    public int IntermediateSize { get; init; }

    /// <summary>Gets the number of learned positions: the longest sequence the network reads.</summary>
    public int MaxPositions { get; init; }

    /// <summary>Gets the number of token types; a single text is of type 0.</summary>
    public int TypeVocabularySize { get; init; }

    /// <summary>Gets the epsilon of every layer normalization.</summary>
    public double LayerNormEpsilon { get; init; }

    /// <summary>Gets the dropout after the embeddings and each sublayer (training only).</summary>
    public double HiddenDropout { get; init; }

    /// <summary>Gets the dropout of the attention weights (training only).</summary>
    public double AttentionDropout { get; init; }

    /// <summary>Gets the pooling.</summary>
    public TransformerOnnxPooling Pooling { get; init; }

    /// <summary>Gets the dropout before the classification layer (training only).</summary>
    public double HeadDropout { get; init; }

    /// <summary>Gets the number of classes.</summary>
    public int ClassCount { get; init; }

    /// <summary>Gets the id of <c>[PAD]</c>.</summary>
    public int PadId { get; init; }

    /// <summary>Gets the id of <c>[UNK]</c>.</summary>
    public int UnkId { get; init; }

    /// <summary>Gets the width of one attention head (not stored: the manifest keeps the options as they were).</summary>
    [JsonIgnore]
    public int HeadSize => HiddenSize / AttentionHeads;

    /// <summary>
    /// Every problem with the values, bounds included that keep a file from allocating more than a real encoder needs
    /// (the TorchSharp options check the same rules, without the bounds).
    /// </summary>
    public List<string> Problems()
    {
        var errors = new List<string>();
        void Within(string name, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be in [{min}, {max}] (was {value})."));
            }
        }

        Within(nameof(VocabularySize), VocabularySize, 2, 10_000_000);
        Within(nameof(HiddenSize), HiddenSize, 1, 8192);
        Within(nameof(Layers), Layers, 1, 64);
        Within(nameof(AttentionHeads), AttentionHeads, 1, 256);
        Within(nameof(IntermediateSize), IntermediateSize, 1, 65536);
        Within(nameof(MaxPositions), MaxPositions, 1, 65536);
        Within(nameof(TypeVocabularySize), TypeVocabularySize, 1, 64);
        Within(nameof(ClassCount), ClassCount, 2, 100_000);
        Within(nameof(PadId), PadId, 0, VocabularySize - 1);
        Within(nameof(UnkId), UnkId, 0, VocabularySize - 1);
        if (AttentionHeads >= 1 && HiddenSize % AttentionHeads != 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(AttentionHeads)} ({AttentionHeads}) must divide {nameof(HiddenSize)} ({HiddenSize})."));
        }

        if (!(LayerNormEpsilon > 0) || !double.IsFinite(LayerNormEpsilon))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(LayerNormEpsilon)} must be positive and finite (was {LayerNormEpsilon})."));
        }

        if (!Enum.IsDefined(Pooling))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{nameof(Pooling)} has an unknown value ({(int)Pooling})."));
        }

        return errors;
    }

    /// <summary>Checks every value and reports every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more values are invalid.</exception>
    public void Validate()
    {
        var errors = Problems();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {nameof(TransformerNetworkSection)}: {string.Join(" ", errors)}");
        }
    }
}
