using SentimentKit.Modeling;

namespace SentimentKit.Families.Transformer;

/// <summary>
/// The manifest section <c>transformer</c>: the network's shape and head, how texts were cut into WordPiece tokens, and
/// the encoder the fine-tuning started from (its file name, for attribution).
/// </summary>
internal sealed record TransformerSection
{
    public required TransformerClassifierOptions Network { get; init; }

    public required bool LowerCase { get; init; }

    public required int MaxTokens { get; init; }

    public required double TruncationHeadShare { get; init; }

    public required string Encoder { get; init; }
}
