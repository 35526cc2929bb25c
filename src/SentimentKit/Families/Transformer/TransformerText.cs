using SentimentKit.Text;

namespace SentimentKit.Families.Transformer;

/// <summary>
/// A transformer's text side: the library's normalizer without its lower-casing (WordPiece lower-cases and strips
/// accents as the vocabulary expects), then WordPiece within the token budget, head and tail kept.
/// </summary>
internal sealed class TransformerText
{
    private readonly TextNormalizer _normalizer;

    public TransformerText(TextNormalizerOptions normalizer, WordPieceVocabulary vocabulary, TransformerSection section)
    {
        var options = normalizer.Clone();
        options.LowerCase = false;
        _normalizer = new TextNormalizer(options);
        Encoder = new WordPieceEncoder(
            new WordPieceTokenizer(vocabulary, new WordPieceTokenizerOptions { LowerCase = section.LowerCase }),
            new WordPieceEncoderOptions { MaxTokens = section.MaxTokens, TruncationHeadShare = section.TruncationHeadShare });
    }

    public WordPieceEncoder Encoder { get; }

    public WordPieceVocabulary Vocabulary => Encoder.Vocabulary;

    /// <summary>
    /// Whether a vocabulary is uncased: none of its tokens but the bracketed special ones (<c>[CLS]</c>) has an
    /// upper-case letter. BERT's cased vocabularies have thousands.
    /// </summary>
    public static bool IsUncased(WordPieceVocabulary vocabulary) =>
        !vocabulary.Tokens.Any(t => !(t.StartsWith('[') && t.EndsWith(']')) && t.Any(char.IsUpper));

    /// <summary>The ids the model reads: <c>[CLS]</c>, pieces, <c>[SEP]</c>.</summary>
    public int[] EncodeIds(string text) => Encoder.EncodeIds(_normalizer.Normalize(text));

    /// <summary>The words of a text and, for each id the model reads, the index of its word (-1 for <c>[CLS]</c> and <c>[SEP]</c>).</summary>
    public (string[] Words, WordPieceEncoding Encoding) EncodeWords(string text)
    {
        var normalized = _normalizer.Normalize(text);
        var encoding = Encoder.Encode(normalized);
        return ([.. encoding.Words.Select(w => w.GetText(normalized))], encoding);
    }
}
