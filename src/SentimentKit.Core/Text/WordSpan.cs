namespace SentimentKit.Text;

/// <summary>Where a word lies in the original (not normalized) text: a range of UTF-16 characters.</summary>
/// <param name="Start">The index of the word's first character.</param>
/// <param name="Length">The number of characters, combining marks and removed control characters inside the word included.</param>
public readonly record struct WordSpan(int Start, int Length)
{
    /// <summary>Gets the index just past the word's last character.</summary>
    public int End => Start + Length;

    /// <summary>Gets the word's text.</summary>
    /// <param name="text">The text the span was found in.</param>
    /// <returns>The characters of the span.</returns>
    public string GetText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Substring(Start, Length);
    }
}
