using SentimentKit.Modeling;

namespace SentimentKit;

/// <summary>
/// The settings of <see cref="ModelKind.Transformer"/>: which pretrained BERT-family encoder to fine-tune (an ONNX
/// file and its <c>vocab.txt</c>), how texts become WordPiece tokens, the classification head, and the encoder's own
/// learning rate. The defaults are the library's recommended fine-tuning recipe for all-MiniLM-L6-v2; the encoder
/// files have no default, because the library never fetches anything (the command line finds them where
/// <c>./build.sh minilm</c> puts them).
/// </summary>
public sealed class TransformerModelOptions : ModelOptions
{
    /// <summary>The most tokens one text may be given, whatever the encoder.</summary>
    internal const int MaxTokensLimit = 4096;

    /// <inheritdoc/>
    public override ModelKind Kind => ModelKind.Transformer;

    /// <summary>Gets or sets the BERT-family encoder exported to ONNX (such as all-MiniLM-L6-v2's <c>model.onnx</c>); its weights go into the model file.</summary>
    /// <value>The default value is <see langword="null"/>; training needs it.</value>
    public string? EncoderPath { get; set; }

    /// <inheritdoc/>
    internal override bool HasRequiredFiles => EncoderPath is not null && VocabularyPath is not null;

    /// <summary>Gets or sets the encoder's WordPiece vocabulary (<c>vocab.txt</c>); it goes into the model file.</summary>
    /// <value>The default value is <see langword="null"/>; training needs it.</value>
    public string? VocabularyPath { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether text is lower-cased and its accents stripped before WordPiece, or
    /// <see langword="null"/> to do as the vocabulary expects: uncased when none of its tokens has an upper-case
    /// letter. The normalizer's own <see cref="Text.TextNormalizerOptions.LowerCase"/> is not used by this kind.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (from the vocabulary).</value>
    public bool? LowerCase { get; set; }

    /// <summary>
    /// Gets or sets the most tokens one text is given, <c>[CLS]</c> and <c>[SEP]</c> included; at most the
    /// encoder's number of positions. Attention costs grow with the square of it: on a CPU, 128 to 256 is practical.
    /// </summary>
    /// <value>The default value is 256.</value>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Gets or sets the share of a too-long text's token budget kept from its start; the rest comes from its end, the middle is dropped.</summary>
    /// <value>The default value is 0.25 (reviews conclude at the end).</value>
    public double TruncationHeadShare { get; set; } = 0.25;

    /// <summary>Gets or sets how the encoder's states become one vector for the head.</summary>
    /// <value>The default value is <see cref="TransformerPooling.Mean"/>, the pooling all-MiniLM-L6-v2 was trained with.</value>
    public TransformerPooling Pooling { get; set; } = TransformerPooling.Mean;

    /// <summary>
    /// Gets or sets the peak learning rate of the encoder; the new head learns at <see cref="TrainerOptions.LearningRate"/>.
    /// Both follow the trainer's schedule.
    /// </summary>
    /// <value>The default value is 5e-5.</value>
    public double EncoderLearningRate { get; set; } = 5e-5;

    /// <summary>Gets or sets the dropout after the embeddings and after each encoder sublayer.</summary>
    /// <value>The default value is 0.1, BERT's.</value>
    public double HiddenDropout { get; set; } = 0.1;

    /// <summary>
    /// Gets or sets the dropout of the attention weights. Above 0 it makes attention leave libtorch's fused CPU kernel,
    /// several times slower (see <see cref="TransformerClassifierOptions.AttentionDropout"/>).
    /// </summary>
    /// <value>The default value is 0.</value>
    public double AttentionDropout { get; set; }

    /// <summary>Gets or sets the dropout before the classification layer.</summary>
    /// <value>The default value is 0.1.</value>
    public double HeadDropout { get; set; } = 0.1;

    /// <summary>Gets the recommended options, with the encoder's files to fill in.</summary>
    /// <param name="encoderPath">The encoder's ONNX file, or <see langword="null"/> to set it later.</param>
    /// <param name="vocabularyPath">Its <c>vocab.txt</c>, or <see langword="null"/> to set it later.</param>
    /// <returns>New options.</returns>
    public static TransformerModelOptions Recommended(string? encoderPath = null, string? vocabularyPath = null) =>
        new() { EncoderPath = encoderPath, VocabularyPath = vocabularyPath };

    /// <inheritdoc/>
    public override void Validate()
    {
        var errors = new OptionErrors();
        errors.Check(EncoderPath is not null, $"{nameof(EncoderPath)} is required: the encoder's ONNX file (./build.sh minilm puts all-MiniLM-L6-v2's into artifacts/minilm).");
        errors.Check(EncoderPath is null || File.Exists(EncoderPath), $"{nameof(EncoderPath)} '{EncoderPath}' does not exist.");
        errors.Check(VocabularyPath is not null, $"{nameof(VocabularyPath)} is required: the encoder's vocab.txt.");
        errors.Check(VocabularyPath is null || File.Exists(VocabularyPath), $"{nameof(VocabularyPath)} '{VocabularyPath}' does not exist.");
        errors.Check(MaxTokens is >= 2 and <= MaxTokensLimit, $"{nameof(MaxTokens)} must be in [2, {MaxTokensLimit}], [CLS] and [SEP] included (was {MaxTokens}).");
        errors.Check(TruncationHeadShare is >= 0 and <= 1, FormattableString.Invariant($"{nameof(TruncationHeadShare)} must be in [0, 1] (was {TruncationHeadShare})."));
        errors.Defined(nameof(Pooling), Pooling);
        errors.Check(EncoderLearningRate >= 0 && double.IsFinite(EncoderLearningRate), FormattableString.Invariant($"{nameof(EncoderLearningRate)} must be at least 0 and finite (was {EncoderLearningRate})."));
        errors.Probability(nameof(HiddenDropout), HiddenDropout);
        errors.Probability(nameof(AttentionDropout), AttentionDropout);
        errors.Probability(nameof(HeadDropout), HeadDropout);
        errors.ThrowIfAny(nameof(TransformerModelOptions));
    }

    /// <inheritdoc/>
    public override TransformerModelOptions Clone() => (TransformerModelOptions)MemberwiseClone();
}
