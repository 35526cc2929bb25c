using System.Buffers;

namespace SentimentKit.Text;

/// <summary>Receives the tokens of a text one at a time, as spans of the normalized text.</summary>
internal interface ITokenVisitor
{
    /// <summary>Receives one token; returns <see langword="false"/> to stop the scan.</summary>
    bool Visit(ReadOnlySpan<char> token);
}

/// <summary>
/// Normalizes a raw text and walks its tokens — the one place that does it, for encoding, counting and n-grams. With
/// the <see cref="WordTokenizer"/>, ASCII text is lower-cased into a pooled buffer with tags blanked instead of being
/// normalized into a new string: <see cref="TextNormalizer.TryPrepareForWordTokens"/> guarantees the same tokens.
/// Visitors are structs so that each use compiles to its own loop with no delegate call per token.
/// </summary>
internal static class TokenScanner
{
    /// <summary>Normalizes <paramref name="text"/> and hands each token to <paramref name="visitor"/>.</summary>
    public static void Scan<TVisitor>(string text, TextNormalizer normalizer, ITokenizer tokenizer, ref TVisitor visitor)
        where TVisitor : struct, ITokenVisitor, allows ref struct
    {
        if (tokenizer is WordTokenizer)
        {
            var rented = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
            try
            {
                if (normalizer.TryPrepareForWordTokens(text, rented))
                {
                    ScanWords(rented.AsSpan(0, text.Length), ref visitor);
                    return;
                }
            }
            finally
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        ScanNormalized(normalizer.Normalize(text), tokenizer, ref visitor);
    }

    /// <summary>Hands each token of an already normalized text to <paramref name="visitor"/>.</summary>
    public static void ScanNormalized<TVisitor>(ReadOnlySpan<char> normalized, ITokenizer tokenizer, ref TVisitor visitor)
        where TVisitor : struct, ITokenVisitor, allows ref struct
    {
        if (tokenizer is WordTokenizer)
        {
            ScanWords(normalized, ref visitor);
            return;
        }

        var position = 0;
        while (tokenizer.TryReadToken(normalized, ref position, out var start, out var length) && visitor.Visit(normalized.Slice(start, length)))
        {
        }
    }

    // The word tokenizer called directly: no interface call per token on the hot path.
    private static void ScanWords<TVisitor>(ReadOnlySpan<char> normalized, ref TVisitor visitor)
        where TVisitor : struct, ITokenVisitor, allows ref struct
    {
        var position = 0;
        while (WordTokenizer.Next(normalized, ref position, out var start, out var length) && visitor.Visit(normalized.Slice(start, length)))
        {
        }
    }
}
