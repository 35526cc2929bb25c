namespace SentimentKit.Text;

/// <summary>
/// The first sentence of a text: what a review, ticket or post looks like when it is short. Used to calibrate on
/// mixed lengths (see <c>SentimentTrainerOptions.CalibrateOnShortTexts</c>) and by the benchmarks that measure
/// short texts.
/// </summary>
internal static class FirstSentence
{
    /// <summary>
    /// The text up to and including its first sentence end — '.', '!' or '?' (with any run of them and closing
    /// quotes or brackets) followed by white space or an HTML line break — or the whole text when it has none.
    /// Leading and trailing white space is trimmed.
    /// </summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] is '<' && IsLineBreakTag(span[i..]) && !span[..i].IsWhiteSpace())
            {
                return span[..i].Trim().ToString();
            }

            if (span[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var end = i + 1;
            while (end < span.Length && span[end] is '.' or '!' or '?' or '"' or '\'' or ')' or ']')
            {
                end++;
            }

            if (end == span.Length || char.IsWhiteSpace(span[end]) || IsLineBreakTag(span[end..]))
            {
                return span[..end].Trim().ToString();
            }

            i = end - 1;
        }

        return text.Trim();
    }

    private static bool IsLineBreakTag(ReadOnlySpan<char> rest) =>
        rest.StartsWith("<br", StringComparison.OrdinalIgnoreCase) && (rest.Length == 3 || rest[3] is ' ' or '/' or '>');
}
