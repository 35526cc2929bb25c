using System.Globalization;
using System.Text.Json.Serialization;
using SentimentKit.Sequences;

namespace SentimentKit.Modeling;

/// <summary>
/// Settings of an <see cref="RnnClassifier"/>. The defaults are the Module 09 notebook's BiLSTM:
/// embedding 100, two bidirectional LSTM layers of 128 with dropout 0.3 between them, the final
/// hidden states of both directions, and a head of 128 with dropout 0.3.
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
    public int NumClasses { get; set; } = 2;

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
        var errors = new List<string>();
        if (!Enum.IsDefined(CellType))
        {
            errors.Add($"CellType has an unknown value ({(int)CellType}).");
        }

        if (!Enum.IsDefined(Pooling))
        {
            errors.Add($"Pooling has an unknown value ({(int)Pooling}).");
        }

        OptionErrors.AddVocabulary(errors, VocabularySize, PadId, UnkId);

        OptionErrors.AddAtLeastOne(errors, nameof(EmbeddingSize), EmbeddingSize);
        OptionErrors.AddAtLeastOne(errors, nameof(HiddenSize), HiddenSize);
        OptionErrors.AddAtLeastOne(errors, nameof(Layers), Layers);
        OptionErrors.AddAtLeastOne(errors, nameof(HeadHiddenSize), HeadHiddenSize);
        OptionErrors.AddProbability(errors, nameof(Dropout), Dropout);
        OptionErrors.AddProbability(errors, nameof(EmbeddingDropout), EmbeddingDropout);
        OptionErrors.AddProbability(errors, nameof(HeadDropout), HeadDropout);
        if (NumClasses < 2)
        {
            errors.Add($"NumClasses must be at least 2 (was {NumClasses}).");
        }

        PaddingOptions.AddErrors(errors, PadId, UnkId, MaxTokens, Truncation);
        if (PretrainedEmbeddings is { } vectors
            && (vectors.GetLength(0) != VocabularySize || vectors.GetLength(1) != EmbeddingSize))
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"PretrainedEmbeddings must be VocabularySize x EmbeddingSize ({VocabularySize} x {EmbeddingSize}), but was {vectors.GetLength(0)} x {vectors.GetLength(1)}."));
        }

        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(nameof(RnnClassifierOptions), errors);
        }
    }

    internal RnnClassifierOptions Clone() => (RnnClassifierOptions)MemberwiseClone();

    internal PaddingOptions ToPaddingOptions() => new()
    {
        PadId = PadId,
        UnkId = UnkId,
        MaxTokens = MaxTokens,
        Truncation = Truncation,
    };
}
