namespace SentimentKit.Text;

/// <summary>
/// A transformer's text side: the library's normalizer without its lower-casing (WordPiece lower-cases and strips
/// accents as the vocabulary expects), then WordPiece within the token budget, head and tail kept. The TorchSharp
/// family and the libtorch-free runtime both encode with it, so that they feed the network the same ids.
/// </summary>
internal sealed class TransformerText
{
    private readonly TextNormalizer _normalizer;

    /// <summary>Initializes the text side.</summary>
    /// <param name="normalizer">The model's normalizer settings; their <see cref="TextNormalizerOptions.LowerCase"/> is not used.</param>
    /// <param name="vocabulary">The WordPiece vocabulary.</param>
    /// <param name="lowerCase">Whether WordPiece lower-cases and strips accents.</param>
    /// <param name="maxTokens">The most tokens of a text, <c>[CLS]</c> and <c>[SEP]</c> included.</param>
    /// <param name="truncationHeadShare">The share of a too-long text's budget kept from its start.</param>
    public TransformerText(TextNormalizerOptions normalizer, WordPieceVocabulary vocabulary, bool lowerCase, int maxTokens, double truncationHeadShare)
    {
        var options = normalizer.Clone();
        options.LowerCase = false;
        _normalizer = new TextNormalizer(options);
        Encoder = new WordPieceEncoder(
            new WordPieceTokenizer(vocabulary, new WordPieceTokenizerOptions { LowerCase = lowerCase }),
            new WordPieceEncoderOptions { MaxTokens = maxTokens, TruncationHeadShare = truncationHeadShare });
    }

    /// <summary>Gets the WordPiece encoder.</summary>
    public WordPieceEncoder Encoder { get; }

    /// <summary>Gets the vocabulary.</summary>
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
