namespace SentimentKit.Text;

/// <summary>
/// Enumerates the token ranges of a text without allocating: use it in a <see langword="foreach"/> and
/// slice the text with each <see cref="Range"/>.
/// </summary>
internal ref struct TokenEnumerator
{
    private readonly ITokenizer _tokenizer;
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    /// <summary>Initializes a new instance of the <see cref="TokenEnumerator"/> struct.</summary>
    /// <param name="tokenizer">The tokenizer that finds the tokens.</param>
    /// <param name="text">The text to scan.</param>
    public TokenEnumerator(ITokenizer tokenizer, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        _text = text;
        _position = 0;
        Current = default;
    }

    /// <summary>Gets the range of the current token in the text.</summary>
    public Range Current { get; private set; }

    /// <summary>Returns this enumerator, so that it can be used in a <see langword="foreach"/>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly TokenEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next token.</summary>
    /// <returns><see langword="true"/> when there is one.</returns>
    public bool MoveNext()
    {
        if (_tokenizer.TryReadToken(_text, ref _position, out var start, out var length))
        {
            Current = new Range(start, start + length);
            return true;
        }

        return false;
    }
}
