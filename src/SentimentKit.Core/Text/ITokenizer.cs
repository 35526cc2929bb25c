namespace SentimentKit.Text;

/// <summary>
/// Splits text into tokens. Implementations scan a span and report where each token lies, so that callers
/// such as <see cref="TextEncoder"/> can look tokens up without allocating a string per token.
/// </summary>
public interface ITokenizer
{
    /// <summary>Finds the next token at or after <paramref name="position"/>.</summary>
    /// <param name="text">The text being scanned.</param>
    /// <param name="position">The scan position; moved past the token that is returned.</param>
    /// <param name="start">The index of the token's first character.</param>
    /// <param name="length">The number of characters of the token.</param>
    /// <returns><see langword="true"/> when a token was found; <see langword="false"/> at the end of the text.</returns>
    bool TryReadToken(ReadOnlySpan<char> text, ref int position, out int start, out int length);

    /// <summary>Splits a text into token strings.</summary>
    /// <param name="text">The text, normally already normalized.</param>
    /// <returns>The tokens in order.</returns>
    IReadOnlyList<string> Tokenize(string text);
}
