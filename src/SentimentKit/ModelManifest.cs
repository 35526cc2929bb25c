using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit;

/// <summary>The <c>manifest.json</c> of a model artifact: what the model is and how to rebuild it.</summary>
internal sealed record ModelManifest
{
    public required int FormatVersion { get; init; }

    public required string LibraryVersion { get; init; }

    public required string TorchSharpVersion { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required ModelKind ModelKind { get; init; }

    public RnnManifestOptions? Rnn { get; init; }

    public int? FeatureCount { get; init; }

    public required TextNormalizerOptions Normalizer { get; init; }

    public required string Tokenizer { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public required int Seed { get; init; }

    public ClassificationMetrics? ValidationMetrics { get; init; }

    /// <summary>Gets the SHA-256 (lower-case hex) of every other entry, by entry name.</summary>
    public required IReadOnlyDictionary<string, string> Sha256 { get; init; }
}

/// <summary>The RNN module's options as the manifest stores them (pretrained vectors live in the weights).</summary>
internal sealed record RnnManifestOptions
{
    public required RnnCellType CellType { get; init; }

    public required int VocabularySize { get; init; }

    public required int EmbeddingSize { get; init; }

    public required int HiddenSize { get; init; }

    public required int Layers { get; init; }

    public required bool Bidirectional { get; init; }

    public required double Dropout { get; init; }

    public required double EmbeddingDropout { get; init; }

    public required RnnPooling Pooling { get; init; }

    public required int HeadHiddenSize { get; init; }

    public required double HeadDropout { get; init; }

    public required int NumClasses { get; init; }

    public required int PadId { get; init; }

    public required int UnkId { get; init; }

    public int? MaxTokens { get; init; }

    public required TruncationStrategy Truncation { get; init; }

    public required bool FreezeEmbeddings { get; init; }

    public static RnnManifestOptions From(RnnClassifierOptions o) => new()
    {
        CellType = o.CellType,
        VocabularySize = o.VocabularySize,
        EmbeddingSize = o.EmbeddingSize,
        HiddenSize = o.HiddenSize,
        Layers = o.Layers,
        Bidirectional = o.Bidirectional,
        Dropout = o.Dropout,
        EmbeddingDropout = o.EmbeddingDropout,
        Pooling = o.Pooling,
        HeadHiddenSize = o.HeadHiddenSize,
        HeadDropout = o.HeadDropout,
        NumClasses = o.NumClasses,
        PadId = o.PadId,
        UnkId = o.UnkId,
        MaxTokens = o.MaxTokens,
        Truncation = o.Truncation,
        FreezeEmbeddings = o.FreezeEmbeddings,
    };

    public RnnClassifierOptions ToOptions() => new()
    {
        CellType = CellType,
        VocabularySize = VocabularySize,
        EmbeddingSize = EmbeddingSize,
        HiddenSize = HiddenSize,
        Layers = Layers,
        Bidirectional = Bidirectional,
        Dropout = Dropout,
        EmbeddingDropout = EmbeddingDropout,
        Pooling = Pooling,
        HeadHiddenSize = HeadHiddenSize,
        HeadDropout = HeadDropout,
        NumClasses = NumClasses,
        PadId = PadId,
        UnkId = UnkId,
        MaxTokens = MaxTokens,
        Truncation = Truncation,
        FreezeEmbeddings = FreezeEmbeddings,
    };
}
