using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;

namespace SentimentKit;

/// <summary>
/// The settings of the recurrent models (<see cref="ModelKind.BiLstm"/>, <see cref="ModelKind.Gru"/>): how the
/// vocabulary is built from the training texts, the network, and optional pretrained word vectors. The defaults are
/// the library's recommended recipe: its best settings found on IMDB (see the README).
/// </summary>
public sealed class RnnModelOptions : ModelOptions
{
    /// <summary>Initializes the recommended options of a bidirectional LSTM.</summary>
    public RnnModelOptions()
        : this(ModelKind.BiLstm)
    {
    }

    /// <summary>Initializes the recommended options of a recurrent kind.</summary>
    /// <param name="kind"><see cref="ModelKind.BiLstm"/> or <see cref="ModelKind.Gru"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a recurrent kind.</exception>
    public RnnModelOptions(ModelKind kind)
    {
        if (kind is not (ModelKind.BiLstm or ModelKind.Gru))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A recurrent model is ModelKind.BiLstm or ModelKind.Gru.");
        }

        Kind = kind;
        Network = RecommendedNetwork(kind);
    }

    /// <inheritdoc/>
    public override ModelKind Kind { get; }

    /// <summary>Gets or sets how the vocabulary is built from the training texts.</summary>
    /// <value>The default value is words seen at least twice, at most 50,000 of them.</value>
    public VocabularyOptions Vocabulary { get; set; } = new() { MinFrequency = 2, MaxSize = 50_000 };

    /// <summary>
    /// Gets or sets the network. The vocabulary size and class count are filled in from the data when training, and
    /// the cell from <see cref="Kind"/>.
    /// </summary>
    /// <value>
    /// The default value is the recommended network: embeddings of 128, one bidirectional layer of 128, attention pooling,
    /// a head of 128, dropout 0.25 on embeddings and 0.3 elsewhere, at most 400 tokens kept from the head and the tail.
    /// </value>
    public RnnClassifierOptions Network { get; set; }

    /// <summary>Gets or sets a GloVe / word2vec / fastText text file to initialize the embeddings from.</summary>
    /// <value>The default value is <see langword="null"/> (random initialization).</value>
    public string? PretrainedVectorsPath { get; set; }

    /// <summary>Gets the recommended options of a recurrent kind.</summary>
    /// <param name="kind"><see cref="ModelKind.BiLstm"/> or <see cref="ModelKind.Gru"/>.</param>
    /// <returns>New options.</returns>
    public static RnnModelOptions Recommended(ModelKind kind) => new(kind);

    /// <summary>Gets the recommended network of a recurrent kind, before the data fills in its sizes.</summary>
    /// <param name="kind"><see cref="ModelKind.BiLstm"/> or <see cref="ModelKind.Gru"/>.</param>
    /// <returns>New options.</returns>
    public static RnnClassifierOptions RecommendedNetwork(ModelKind kind) => new()
    {
        CellType = kind == ModelKind.Gru ? RnnCellType.Gru : RnnCellType.Lstm,
        EmbeddingSize = 128,
        HiddenSize = 128,
        Layers = 1,
        Bidirectional = true,
        Pooling = RnnPooling.Attention,
        EmbeddingDropout = 0.25,
        Dropout = 0.3,
        HeadHiddenSize = 128,
        HeadDropout = 0.3,
        MaxTokens = 400,
        Truncation = TruncationStrategy.HeadAndTail,
    };

    /// <inheritdoc/>
    public override void Validate()
    {
        var errors = new OptionErrors();
        if (errors.NotNull(Vocabulary, nameof(Vocabulary)))
        {
            errors.Include(nameof(Vocabulary), Vocabulary.Validate);
        }

        if (errors.NotNull(Network, nameof(Network)))
        {
            // The data fills these in; check the rest with placeholders.
            var probe = Network.Clone();
            probe.VocabularySize = Math.Max(probe.VocabularySize, 2);
            probe.ClassCount = Math.Max(probe.ClassCount, 2);
            probe.PretrainedEmbeddings = null;
            errors.Include(nameof(Network), probe.Validate);
        }

        errors.Check(PretrainedVectorsPath is null || File.Exists(PretrainedVectorsPath), $"{nameof(PretrainedVectorsPath)} '{PretrainedVectorsPath}' does not exist.");
        errors.ThrowIfAny(nameof(RnnModelOptions));
    }

    /// <inheritdoc/>
    public override RnnModelOptions Clone() => new(Kind)
    {
        Vocabulary = Vocabulary?.Clone()!,
        Network = Network?.Clone()!,
        PretrainedVectorsPath = PretrainedVectorsPath,
    };
}
