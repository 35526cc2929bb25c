using SentimentKit.Artifacts;
using SentimentKit.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// The manifest section <c>transformer</c> of a fine-tuned transformer: the network's shape and head, how texts were
/// cut into WordPiece tokens, and the encoder the fine-tuning started from (its file name, for attribution). The
/// TorchSharp family writes and reads it, the libtorch-free runtime reads it: one definition of the format and of
/// the text side (<see cref="CreateText"/>).
/// </summary>
internal sealed record TransformerManifestSection
{
    /// <summary>The section's name in the manifest.</summary>
    public const string Name = "transformer";

    /// <summary>The manifest's tokenizer name of these models.</summary>
    public const string Tokenizer = "wordpiece";

    /// <summary>Gets the network.</summary>
    public required TransformerNetworkSection Network { get; init; }

    /// <summary>Gets a value indicating whether WordPiece lower-cases and strips accents.</summary>
    public required bool LowerCase { get; init; }

    /// <summary>Gets the most tokens one text is given, <c>[CLS]</c> and <c>[SEP]</c> included.</summary>
    public required int MaxTokens { get; init; }

    /// <summary>Gets the share of a too-long text's token budget kept from its start.</summary>
    public required double TruncationHeadShare { get; init; }

    /// <summary>Gets the file name of the encoder the fine-tuning started from.</summary>
    public required string Encoder { get; init; }

    /// <summary>The text side these settings describe, over a normalizer's settings and the model's vocabulary.</summary>
    public TransformerText CreateText(TextNormalizerOptions normalizer, WordPieceVocabulary vocabulary) =>
        new(normalizer, vocabulary, LowerCase, MaxTokens, TruncationHeadShare);

    /// <summary>
    /// Reads the section and the WordPiece vocabulary of a verified model file and checks that they fit together, the
    /// weights entry and the labels — sizes against bounds and against <c>weights.bin</c> before anything is
    /// allocated for them.
    /// </summary>
    /// <exception cref="ModelFormatException">Something is missing or does not fit.</exception>
    public static (TransformerManifestSection Section, WordPieceVocabulary Vocabulary) Read(ArtifactContents artifact)
    {
        if (!string.Equals(artifact.Manifest.Tokenizer, Tokenizer, StringComparison.Ordinal))
        {
            throw artifact.Error($"it is a transformer with tokenizer '{artifact.Manifest.Tokenizer}'; this library knows '{Tokenizer}'.");
        }

        var section = artifact.RequiredSection<TransformerManifestSection>(Name, "transformer options");
        var network = section.Network ?? throw artifact.Error("its transformer section has no network.");
        var problems = network.Problems();
        if (problems.Count > 0
            || ((long)network.VocabularySize + network.MaxPositions) * network.HiddenSize * sizeof(float) > artifact.Length(ArtifactEntries.Weights))
        {
            throw artifact.Error($"the transformer sizes in the manifest are out of range or larger than weights.bin. {string.Join(" ", problems)}".TrimEnd());
        }

        if (network.ClassCount != artifact.Manifest.Labels.Count)
        {
            throw artifact.Error($"the model has {network.ClassCount} classes but the manifest lists {artifact.Manifest.Labels.Count} labels.");
        }

        if (section.MaxTokens < 2 || section.MaxTokens > network.MaxPositions || section.TruncationHeadShare is not (>= 0 and <= 1))
        {
            throw artifact.Error($"its token budget ({section.MaxTokens}, head share {section.TruncationHeadShare}) does not fit the encoder's {network.MaxPositions} positions.");
        }

        WordPieceVocabulary vocabulary;
        try
        {
            vocabulary = WordPieceVocabulary.Load(artifact.Open(ArtifactEntries.WordPieceVocabulary), ArtifactEntries.WordPieceVocabulary);
        }
        catch (TextFormatException e)
        {
            throw artifact.Error(e.Message, e);
        }

        if (vocabulary.Count != network.VocabularySize || vocabulary.PadId != network.PadId || vocabulary.UnkId != network.UnkId)
        {
            throw artifact.Error($"{ArtifactEntries.WordPieceVocabulary} has {vocabulary.Count} tokens ([PAD] {vocabulary.PadId}, [UNK] {vocabulary.UnkId}) but the model was built for {network.VocabularySize} ([PAD] {network.PadId}, [UNK] {network.UnkId}).");
        }

        return (section, vocabulary);
    }
}
