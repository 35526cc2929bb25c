using SentimentKit.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// The manifest section <c>rnn</c> of a recurrent model (the module's options, written by the TorchSharp package)
/// read without that package: the architecture for the ONNX graph and the settings of the text side.
/// </summary>
internal sealed record RnnManifestSection
{
    public RnnOnnxCell CellType { get; init; }

    public int VocabularySize { get; init; }

    public int EmbeddingSize { get; init; }

    public int HiddenSize { get; init; }

    public int Layers { get; init; }

    public bool Bidirectional { get; init; }

    public RnnOnnxPooling Pooling { get; init; }

    public int HeadHiddenSize { get; init; }

    /// <summary>Gets the number of classes; the manifest has always called it <c>num_classes</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("num_classes")]
    public int ClassCount { get; init; }

    public int PadId { get; init; }

    public int UnkId { get; init; } = 1;

    public int? MaxTokens { get; init; }

    public TokenTruncation Truncation { get; init; } = TokenTruncation.HeadAndTail;

    /// <summary>The architecture of the ONNX graph.</summary>
    public RnnOnnxSpec ToSpec() => new()
    {
        Cell = CellType,
        VocabularySize = VocabularySize,
        EmbeddingSize = EmbeddingSize,
        HiddenSize = HiddenSize,
        Layers = Layers,
        Bidirectional = Bidirectional,
        Pooling = Pooling,
        HeadHiddenSize = HeadHiddenSize,
        ClassCount = ClassCount,
    };

    /// <summary>
    /// The ids the graph reads for one text: encoded, truncated to <see cref="MaxTokens"/>, and one unknown id in
    /// place of an empty text — what <c>SequencePadder.Prepare</c> does in the TorchSharp runtime.
    /// </summary>
    public int[] Prepare(TextEncoder encoder, string text)
    {
        var ids = encoder.Encode(text);
        if (ids.Length == 0)
        {
            return [UnkId];
        }

        return MaxTokens is { } max ? IdTruncation.Truncate(ids, max, Truncation) : ids;
    }
}
