namespace SentimentKit.Text;

/// <summary>Helpers over any <see cref="ITokenizer"/>.</summary>
internal static class TokenizerExtensions
{
    /// <summary>Enumerates the token ranges of a text without allocating.</summary>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <param name="text">The text.</param>
    /// <returns>An enumerator of token ranges.</returns>
    public static TokenEnumerator EnumerateTokens(this ITokenizer tokenizer, ReadOnlySpan<char> text) =>
        new(tokenizer, text);

    /// <summary>Counts the tokens of a text without allocating.</summary>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <param name="text">The text.</param>
    /// <returns>The number of tokens.</returns>
    public static int CountTokens(this ITokenizer tokenizer, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var position = 0;
        var count = 0;
        while (tokenizer.TryReadToken(text, ref position, out _, out _))
        {
            count++;
        }

        return count;
    }
}
