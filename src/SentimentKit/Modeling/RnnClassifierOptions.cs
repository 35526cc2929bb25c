using System.ComponentModel;
using System.Text.Json.Serialization;
using SentimentKit.Sequences;

namespace SentimentKit.Modeling;

/// <summary>
/// Settings of an <see cref="RnnClassifier"/>. The defaults are a classic BiLSTM: embedding 100,
/// two bidirectional LSTM layers of 128 with dropout 0.3 between them, the final hidden states of
/// both directions, and a head of 128 with dropout 0.3 (the recommended network, tuned on IMDB, is
/// <c>RnnModelOptions.RecommendedNetwork</c>).
/// </summary>
public sealed class RnnClassifierOptions
{
    /// <summary>The recurrent cell.</summary>
    /// <value>The default value is <see cref="RnnCellType.Lstm"/>.</value>
    public RnnCellType CellType { get; set; } = RnnCellType.Lstm;

    /// <summary>The number of rows of the embedding table, including the padding and unknown ids. Required.</summary>
    /// <value>The default value is 0, which is invalid: set it to the vocabulary size.</value>
    public int VocabularySize { get; set; }

    /// <summary>The width of a token embedding.</summary>
    /// <value>The default value is 100.</value>
    public int EmbeddingSize { get; set; } = 100;

    /// <summary>The width of the hidden state of one direction of one layer.</summary>
    /// <value>The default value is 128.</value>
    public int HiddenSize { get; set; } = 128;

    /// <summary>The number of stacked recurrent layers.</summary>
    /// <value>The default value is 2.</value>
    public int Layers { get; set; } = 2;

    /// <summary>Whether each layer also reads the sequence backwards (doubling the output width).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Bidirectional { get; set; } = true;

    /// <summary>The dropout probability between recurrent layers; unused with one layer.</summary>
    /// <value>The default value is 0.3.</value>
    public double Dropout { get; set; } = 0.3;

    /// <summary>The dropout probability applied to the token embeddings.</summary>
    /// <value>The default value is 0.</value>
    public double EmbeddingDropout { get; set; }

    /// <summary>How the outputs of a sequence become one vector.</summary>
    /// <value>The default value is <see cref="RnnPooling.Last"/>.</value>
    public RnnPooling Pooling { get; set; } = RnnPooling.Last;

    /// <summary>The width of the hidden layer of the classification head.</summary>
    /// <value>The default value is 128.</value>
    public int HeadHiddenSize { get; set; } = 128;

    /// <summary>The dropout probability before each linear layer of the head.</summary>
    /// <value>The default value is 0.3.</value>
    public double HeadDropout { get; set; } = 0.3;

    /// <summary>The number of classes; at least 2.</summary>
    /// <value>The default value is 2.</value>
    [JsonPropertyName("num_classes")]
    public int ClassCount { get; set; } = 2;

    /// <summary>The former name of <see cref="ClassCount"/>.</summary>
    [Obsolete("Use ClassCount.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    [JsonIgnore]
    public int NumClasses
    {
        get => ClassCount;
        set => ClassCount = value;
    }

    /// <summary>The padding id; its embedding row stays zero and receives no gradient.</summary>
    /// <value>The default value is 0.</value>
    public int PadId { get; set; }

    /// <summary>The unknown-token id; an empty sequence is fed as this single token.</summary>
    /// <value>The default value is 1.</value>
    public int UnkId { get; set; } = 1;

    /// <summary>The most tokens fed per sequence, or <see langword="null"/> to feed them all.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxTokens { get; set; }

    /// <summary>Which tokens are kept from a sequence longer than <see cref="MaxTokens"/>.</summary>
    /// <value>The default value is <see cref="TruncationStrategy.HeadAndTail"/>.</value>
    public TruncationStrategy Truncation { get; set; } = TruncationStrategy.HeadAndTail;

    /// <summary>
    /// Pretrained word vectors to start the embedding table from: <see cref="VocabularySize"/> rows of
    /// <see cref="EmbeddingSize"/> values, row <c>i</c> for id <c>i</c>. The padding row is zeroed.
    /// Not serialized: once the model is built its values live in the model's weights.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (random initialization).</value>
    [JsonIgnore]
#pragma warning disable CA1814 // The Text layer hands vectors over as a rectangular matrix; that is the shape wanted.
    public float[,]? PretrainedEmbeddings { get; set; }
#pragma warning restore CA1814

    /// <summary>Whether the embedding table is left out of training.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool FreezeEmbeddings { get; set; }

    /// <summary>Gets the width of the vector that pooling produces, which the head reads.</summary>
    [JsonIgnore]
    public int PooledSize => HiddenSize * (Bidirectional ? 2 : 1) * (Pooling == RnnPooling.MeanMax ? 2 : 1);

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.Defined(nameof(CellType), CellType);
        errors.Defined(nameof(Pooling), Pooling);
        errors.Check(VocabularySize >= 2, $"VocabularySize must be at least 2, for the padding and unknown ids (was {VocabularySize}).");
        if (VocabularySize >= 2)
        {
            errors.Check(PadId < VocabularySize, $"PadId ({PadId}) must be below VocabularySize ({VocabularySize}).");
            errors.Check(UnkId < VocabularySize, $"UnkId ({UnkId}) must be below VocabularySize ({VocabularySize}).");
        }

        errors.AtLeast(nameof(EmbeddingSize), EmbeddingSize, 1);
        errors.AtLeast(nameof(HiddenSize), HiddenSize, 1);
        errors.AtLeast(nameof(Layers), Layers, 1);
        errors.AtLeast(nameof(HeadHiddenSize), HeadHiddenSize, 1);
        errors.Probability(nameof(Dropout), Dropout);
        errors.Probability(nameof(EmbeddingDropout), EmbeddingDropout);
        errors.Probability(nameof(HeadDropout), HeadDropout);
        errors.AtLeast(nameof(ClassCount), ClassCount, 2);
        PaddingOptions.AddErrors(errors, PadId, UnkId, MaxTokens, Truncation);
        if (PretrainedEmbeddings is { } vectors
            && (vectors.GetLength(0) != VocabularySize || vectors.GetLength(1) != EmbeddingSize))
        {
            errors.Add($"PretrainedEmbeddings must be VocabularySize x EmbeddingSize ({VocabularySize} x {EmbeddingSize}), but was {vectors.GetLength(0)} x {vectors.GetLength(1)}.");
        }

        errors.ThrowIfAny(nameof(RnnClassifierOptions));
    }

    /// <summary>Copies the options (the pretrained matrix is shared, not copied: it is never written to).</summary>
    /// <returns>A copy.</returns>
    public RnnClassifierOptions Clone() => (RnnClassifierOptions)MemberwiseClone();

    internal PaddingOptions ToPaddingOptions() => new()
    {
        PadId = PadId,
        UnkId = UnkId,
        MaxTokens = MaxTokens,
        Truncation = Truncation,
    };


}
