using System.Text;

namespace SentimentKit.Text;

/// <summary>
/// A BERT WordPiece vocabulary as <c>vocab.txt</c> holds it: one token per line, the line number
/// (from 0) being the id; a token that continues a word starts with <c>##</c>. It must hold
/// <c>[PAD]</c>, <c>[UNK]</c>, <c>[CLS]</c> and <c>[SEP]</c>. Immutable; safe to share between threads.
/// </summary>
public sealed class WordPieceVocabulary
{
    /// <summary>The prefix of a token that continues a word.</summary>
    public const string ContinuationPrefix = "##";

    /// <summary>The padding token.</summary>
    public const string PadToken = "[PAD]";

    /// <summary>The unknown-word token.</summary>
    public const string UnkToken = "[UNK]";

    /// <summary>The token that starts every sequence.</summary>
    public const string ClsToken = "[CLS]";

    /// <summary>The token that ends every sequence.</summary>
    public const string SepToken = "[SEP]";

    /// <summary>The masked-language-model token, where the vocabulary has one.</summary>
    public const string MaskToken = "[MASK]";

    // vocab.txt of BERT-base has 30,522 lines; a file far beyond any real vocabulary is refused
    // before it fills memory.
    private const int MaxTokens = 4_000_000;
    private const int MaxTokenLength = 1_000;

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private WordPieceVocabulary(string[] tokens, Dictionary<string, int> ids)
    {
        _tokens = tokens;
        _ids = ids;
        PadId = ids[PadToken];
        UnkId = ids[UnkToken];
        ClsId = ids[ClsToken];
        SepId = ids[SepToken];
        MaskId = ids.TryGetValue(MaskToken, out var mask) ? mask : null;

        // WordPiece looks a word's first piece up among all tokens and every later piece, without
        // its "##", among the continuation tokens: two tables, so that no lookup builds a string.
        var continuations = new List<string>();
        var continuationIds = new List<int>();
        for (var id = 0; id < tokens.Length; id++)
        {
            var token = tokens[id];
            MaxTokenChars = Math.Max(MaxTokenChars, token.Length);
            if (token.Length > ContinuationPrefix.Length && token.StartsWith(ContinuationPrefix, StringComparison.Ordinal))
            {
                continuations.Add(token[ContinuationPrefix.Length..]);
                continuationIds.Add(id);
                MaxContinuationChars = Math.Max(MaxContinuationChars, token.Length - ContinuationPrefix.Length);
            }
        }

        StartTable = new TokenTable(tokens);
        ContinuationTable = new TokenTable(continuations);
        ContinuationIds = [.. continuationIds];
    }

    /// <summary>Gets the number of tokens.</summary>
    public int Count => _tokens.Length;

    /// <summary>Gets the tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => Array.AsReadOnly(_tokens);

    /// <summary>Gets the id of <c>[PAD]</c>.</summary>
    public int PadId { get; }

    /// <summary>Gets the id of <c>[UNK]</c>, which stands for a word that cannot be split into known pieces.</summary>
    public int UnkId { get; }

    /// <summary>Gets the id of <c>[CLS]</c>.</summary>
    public int ClsId { get; }

    /// <summary>Gets the id of <c>[SEP]</c>.</summary>
    public int SepId { get; }

    /// <summary>Gets the id of <c>[MASK]</c>, or <see langword="null"/> when the vocabulary has none.</summary>
    public int? MaskId { get; }

    /// <summary>Gets the table of all tokens by their full text (ids are token ids).</summary>
    internal TokenTable StartTable { get; }

    /// <summary>Gets the table of continuation tokens without their <c>##</c>; its ids index <see cref="ContinuationIds"/>.</summary>
    internal TokenTable ContinuationTable { get; }

    /// <summary>Gets the token id of each entry of <see cref="ContinuationTable"/>.</summary>
    internal int[] ContinuationIds { get; }

    /// <summary>Gets the length of the longest token, which bounds the pieces worth looking up.</summary>
    internal int MaxTokenChars { get; }

    /// <summary>Gets the length of the longest continuation token without its <c>##</c>.</summary>
    internal int MaxContinuationChars { get; }

    /// <summary>Gets the token of an id.</summary>
    /// <param name="id">The id, in <c>[0, Count)</c>.</param>
    /// <returns>The token.</returns>
    public string this[int id] => GetToken(id);

    /// <summary>Loads a <c>vocab.txt</c> file (UTF-8, one token per line).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="TextFormatException">The file is not a valid WordPiece vocabulary.</exception>
    public static WordPieceVocabulary Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads a <c>vocab.txt</c> stream (UTF-8, one token per line).</summary>
    /// <param name="stream">The stream; left open.</param>
    /// <param name="sourceName">The name used in error messages, such as a file or archive entry name.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="TextFormatException">The stream is not a valid WordPiece vocabulary.</exception>
    public static WordPieceVocabulary Load(Stream stream, string sourceName = "vocab.txt")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var tokens = new List<string>();
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        try
        {
            while (reader.ReadLine() is { } line)
            {
                if (tokens.Count == MaxTokens)
                {
                    throw new TextFormatException(sourceName, tokens.Count + 1, $"it has more than {MaxTokens:N0} lines, far more than any WordPiece vocabulary.");
                }

                tokens.Add(line);
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new TextFormatException(sourceName, tokens.Count + 1, "the file is not valid UTF-8.", e);
        }

        // A final newline ends the last line rather than starting an empty one; ReadLine already
        // agrees, so any empty line here is a real one.
        return Create(tokens, sourceName);
    }

    /// <summary>Builds a vocabulary from tokens in id order.</summary>
    /// <param name="tokens">The tokens; token <c>i</c> gets id <c>i</c>.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="TextFormatException">The tokens are not a valid WordPiece vocabulary.</exception>
    public static WordPieceVocabulary FromTokens(IEnumerable<string> tokens, string sourceName = "tokens")
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(sourceName);
        return Create([.. tokens], sourceName);
    }

    /// <summary>Gets the token of an id.</summary>
    /// <param name="id">The id, in <c>[0, Count)</c>.</param>
    /// <returns>The token.</returns>
    public string GetToken(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _tokens.Length);
        return _tokens[id];
    }

    /// <summary>Looks a token up by its full text (with <c>##</c> for a continuation).</summary>
    /// <param name="token">The token.</param>
    /// <param name="id">Its id, or <see cref="UnkId"/> when it is not in the vocabulary.</param>
    /// <returns><see langword="true"/> when the token is in the vocabulary.</returns>
    public bool TryGetId(ReadOnlySpan<char> token, out int id)
    {
        id = StartTable.Find(token);
        if (id >= 0)
        {
            return true;
        }

        id = UnkId;
        return false;
    }

    /// <summary>Gets the id of a token (with <c>##</c> for a continuation).</summary>
    /// <param name="token">The token.</param>
    /// <returns>The id, or <see cref="UnkId"/> when it is not in the vocabulary.</returns>
    public int GetId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _ids.TryGetValue(token, out var id) ? id : UnkId;
    }

    private static WordPieceVocabulary Create(List<string> tokens, string sourceName)
    {
        var ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
        {
            var token = tokens[id];
            var line = id + 1;
            if (token is null || token.Length == 0)
            {
                throw new TextFormatException(sourceName, line, "the line is empty; every line of a WordPiece vocabulary is a token.");
            }

            if (token.Length > MaxTokenLength)
            {
                throw new TextFormatException(sourceName, line, $"the token is {token.Length:N0} characters long; WordPiece tokens are at most {MaxTokenLength:N0}.");
            }

            if (!ids.TryAdd(token, id))
            {
                throw new TextFormatException(sourceName, line, $"the token '{token}' is already on line {ids[token] + 1}.");
            }
        }

        var missing = new[] { PadToken, UnkToken, ClsToken, SepToken }.Where(t => !ids.ContainsKey(t)).ToArray();
        if (missing.Length > 0)
        {
            throw new TextFormatException(
                sourceName, null, $"it lacks the special token{(missing.Length == 1 ? string.Empty : "s")} {string.Join(", ", missing)} that BERT inputs need ({tokens.Count:N0} lines read).");
        }

        return new WordPieceVocabulary([.. tokens], ids);
    }
}
