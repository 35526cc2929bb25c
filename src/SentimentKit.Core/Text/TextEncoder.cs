namespace SentimentKit.Text;

/// <summary>
/// Turns text into token ids: normalize, tokenize, look each token up in a <see cref="Vocabulary"/>. The
/// lookup works on spans of the normalized text, so no string is made per token; with the
/// <see cref="WordTokenizer"/>, ASCII text is not even normalized into a new string (it is lower-cased into a
/// pooled buffer with tags blanked, which gives the same tokens). Safe to share between threads.
/// </summary>
public sealed class TextEncoder
{
    /// <summary>Initializes a new instance of the <see cref="TextEncoder"/> class.</summary>
    /// <param name="vocabulary">The vocabulary.</param>
    /// <param name="normalizer">The normalizer; <see langword="null"/> for <see cref="TextNormalizer.Default"/>.</param>
    /// <param name="tokenizer">The tokenizer; <see langword="null"/> for <see cref="WordTokenizer"/>.</param>
    public TextEncoder(Vocabulary vocabulary, TextNormalizer? normalizer = null, ITokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Vocabulary = vocabulary;
        Normalizer = normalizer ?? TextNormalizer.Default;
        Tokenizer = tokenizer ?? WordTokenizer.Instance;
    }

    /// <summary>Gets the vocabulary.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Gets the normalizer.</summary>
    public TextNormalizer Normalizer { get; }

    /// <summary>Gets the tokenizer.</summary>
    public ITokenizer Tokenizer { get; }

    /// <summary>Builds a vocabulary from a corpus and returns an encoder over it.</summary>
    /// <param name="texts">The raw training texts.</param>
    /// <param name="options">The vocabulary settings; <see langword="null"/> for the defaults.</param>
    /// <param name="normalizer">The normalizer; <see langword="null"/> for <see cref="TextNormalizer.Default"/>.</param>
    /// <param name="tokenizer">The tokenizer; <see langword="null"/> for <see cref="WordTokenizer"/>.</param>
    /// <returns>The encoder.</returns>
    public static TextEncoder Fit(
        IReadOnlyList<string> texts,
        VocabularyOptions? options = null,
        TextNormalizer? normalizer = null,
        ITokenizer? tokenizer = null)
    {
        var vocabulary = Vocabulary.Build(texts, options, normalizer, tokenizer);
        return new TextEncoder(vocabulary, normalizer, tokenizer);
    }

    /// <summary>Encodes a raw text.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The token ids.</returns>
    public int[] Encode(string text)
    {
        var ids = new List<int>();
        Encode(text, ids);
        return [.. ids];
    }

    /// <summary>Encodes a raw text, appending the ids to a caller's list.</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="destination">The list that receives the ids.</param>
    /// <returns>The number of ids appended.</returns>
    public int Encode(string text, List<int> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(destination);
        var before = destination.Count;
        var visitor = new ListVisitor(Vocabulary.Table, destination);
        TokenScanner.Scan(text, Normalizer, Tokenizer, ref visitor);
        return destination.Count - before;
    }

    /// <summary>Encodes a raw text into a caller's buffer; tokens past its end are dropped.</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="destination">The buffer that receives the ids.</param>
    /// <returns>The number of ids written.</returns>
    public int Encode(string text, Span<int> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        var visitor = new SpanVisitor(Vocabulary.Table, destination);
        TokenScanner.Scan(text, Normalizer, Tokenizer, ref visitor);
        return visitor.Written;
    }

    /// <summary>Encodes a text that is already normalized, appending the ids to a caller's list.</summary>
    /// <param name="normalizedText">Text already normalized by <see cref="Normalizer"/>.</param>
    /// <param name="destination">The list that receives the ids.</param>
    /// <returns>The number of ids appended.</returns>
    public int EncodeNormalized(ReadOnlySpan<char> normalizedText, List<int> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var before = destination.Count;
        var visitor = new ListVisitor(Vocabulary.Table, destination);
        TokenScanner.ScanNormalized(normalizedText, Tokenizer, ref visitor);
        return destination.Count - before;
    }

    /// <summary>Encodes a text that is already normalized into a caller's buffer; tokens past its end are dropped.</summary>
    /// <param name="normalizedText">Text already normalized by <see cref="Normalizer"/>.</param>
    /// <param name="destination">The buffer that receives the ids.</param>
    /// <returns>The number of ids written.</returns>
    public int EncodeNormalized(ReadOnlySpan<char> normalizedText, Span<int> destination)
    {
        var visitor = new SpanVisitor(Vocabulary.Table, destination);
        TokenScanner.ScanNormalized(normalizedText, Tokenizer, ref visitor);
        return visitor.Written;
    }

    /// <summary>Normalizes and tokenizes a raw text into token strings (for inspection; encoding does not need it).</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The tokens.</returns>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Tokenizer.Tokenize(Normalizer.Normalize(text));
    }

    /// <summary>Maps ids back to text: the tokens joined by single spaces, padding left out.</summary>
    /// <param name="ids">The ids.</param>
    /// <returns>The text.</returns>
    public string Decode(ReadOnlySpan<int> ids) => Vocabulary.Decode(ids);

    /// <summary>Measures the share of tokens of raw texts that are not in the vocabulary.</summary>
    /// <param name="texts">The raw texts.</param>
    /// <returns>The out-of-vocabulary rate in <c>[0, 1]</c>; 0 when there are no tokens.</returns>
    public double OutOfVocabularyRate(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        long total = 0;
        long unknown = 0;
        var ids = new List<int>();
        foreach (var text in texts)
        {
            ids.Clear();
            total += Encode(text, ids);
            foreach (var id in ids)
            {
                if (id == Vocabulary.UnkId)
                {
                    unknown++;
                }
            }
        }

        return total == 0 ? 0 : (double)unknown / total;
    }

    private struct ListVisitor(TokenTable table, List<int> destination) : ITokenVisitor
    {
        public readonly bool Visit(ReadOnlySpan<char> token)
        {
            var id = table.Find(token);
            destination.Add(id >= 0 ? id : Vocabulary.UnkId);
            return true;
        }
    }

    private ref struct SpanVisitor(TokenTable table, Span<int> destination) : ITokenVisitor
    {
        private readonly Span<int> _destination = destination;

        public int Written { get; private set; }

        public bool Visit(ReadOnlySpan<char> token)
        {
            if (Written >= _destination.Length)
            {
                return false;
            }

            var id = table.Find(token);
            _destination[Written++] = id >= 0 ? id : Vocabulary.UnkId;
            return Written < _destination.Length;
        }
    }
}
