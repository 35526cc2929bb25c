namespace SentimentKit.Text;

/// <summary>
/// Turns texts into BERT inputs: <c>[CLS]</c>, the word pieces of <see cref="WordPieceTokenizer"/>,
/// <c>[SEP]</c>, within <see cref="WordPieceEncoderOptions.MaxTokens"/>. A text with too many pieces
/// keeps its start and its end (<see cref="WordPieceEncoderOptions.TruncationHeadShare"/>) and
/// loses its middle. Safe to share between threads.
/// </summary>
public sealed class WordPieceEncoder
{
    private readonly WordPieceEncoderOptions _options;
    private readonly int _headPieces;
    private readonly int _tailPieces;

    /// <summary>Initializes an encoder.</summary>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults. Validated and copied.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public WordPieceEncoder(WordPieceTokenizer tokenizer, WordPieceEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        options ??= new WordPieceEncoderOptions();
        options.Validate();
        Tokenizer = tokenizer;
        _options = options.Clone();
        var budget = _options.MaxTokens - 2;
        _headPieces = (int)Math.Floor(budget * _options.TruncationHeadShare);
        _tailPieces = budget - _headPieces;
    }

    /// <summary>Gets the tokenizer.</summary>
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>Gets the vocabulary.</summary>
    public WordPieceVocabulary Vocabulary => Tokenizer.Vocabulary;

    /// <summary>Gets a copy of the settings.</summary>
    public WordPieceEncoderOptions Options => _options.Clone();

    /// <summary>Gets the most ids of one encoded text.</summary>
    public int MaxTokens => _options.MaxTokens;

    /// <summary>Loads a <c>vocab.txt</c> and returns an encoder over it.</summary>
    /// <param name="vocabularyPath">The <c>vocab.txt</c> file.</param>
    /// <param name="options">The encoder settings; <see langword="null"/> for the defaults.</param>
    /// <param name="tokenizerOptions">The tokenizer settings; <see langword="null"/> for the uncased defaults.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="TextFormatException">The file is not a valid WordPiece vocabulary.</exception>
    public static WordPieceEncoder Load(string vocabularyPath, WordPieceEncoderOptions? options = null, WordPieceTokenizerOptions? tokenizerOptions = null)
    {
        var vocabulary = WordPieceVocabulary.Load(vocabularyPath);
        return new WordPieceEncoder(new WordPieceTokenizer(vocabulary, tokenizerOptions ?? new WordPieceTokenizerOptions()), options);
    }

    /// <summary>Encodes a text into ids only (the fast path for training and scoring).</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The ids: <c>[CLS]</c>, the kept pieces, <c>[SEP]</c>.</returns>
    public int[] EncodeIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<int>(Math.Min(text.Length / 3 + 8, 4096));
        Tokenizer.Tokenize(text, pieces);
        return Frame(pieces, out _);
    }

    /// <summary>Encodes a text, with the word of each id.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The encoding.</returns>
    public WordPieceEncoding Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<int>();
        var wordIndices = new List<int>();
        var words = new List<WordSpan>();
        Tokenizer.Tokenize(text, pieces, wordIndices, words);
        var ids = Frame(pieces, out var kept);
        var idWords = new int[ids.Length];
        idWords[0] = -1;
        idWords[^1] = -1;
        var position = 1;
        foreach (var (start, count) in kept)
        {
            for (var p = start; p < start + count; p++)
            {
                idWords[position++] = wordIndices[p];
            }
        }

        return new WordPieceEncoding(ids, idWords, words, pieces.Count);
    }

    /// <summary>Encodes many texts into ids, in parallel.</summary>
    /// <param name="texts">The raw texts.</param>
    /// <returns>The ids of each text, in order.</returns>
    public int[][] EncodeIds(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new int[texts.Count][];
        Parallel.For(0, texts.Count, i => result[i] = EncodeIds(texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts))));
        return result;
    }

    /// <summary>Puts <c>[CLS]</c> and <c>[SEP]</c> around the pieces that fit, head and tail kept.</summary>
    private int[] Frame(List<int> pieces, out (int Start, int Count)[] kept)
    {
        var vocabulary = Tokenizer.Vocabulary;
        kept = pieces.Count <= _headPieces + _tailPieces
            ? [(0, pieces.Count)]
            : [(0, _headPieces), (pieces.Count - _tailPieces, _tailPieces)];
        var count = kept.Sum(k => k.Count);
        var ids = new int[count + 2];
        ids[0] = vocabulary.ClsId;
        var position = 1;
        foreach (var (start, length) in kept)
        {
            pieces.CopyTo(start, ids, position, length);
            position += length;
        }

        ids[^1] = vocabulary.SepId;
        return ids;
    }
}
