using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;

namespace SentimentKit.Text;

/// <summary>
/// Cleans raw text before tokenization: lower-casing (culture-invariant), HTML tags to spaces, HTML
/// entities decoded, Unicode NFKC, invisible format characters removed, control characters and runs of
/// white space collapsed to one space. Normalizing is idempotent: normalizing a normalized text returns it
/// unchanged. Instances are immutable and safe to share between threads.
/// </summary>
public sealed class TextNormalizer
{
    // Enough for pathological inputs (entities that decode to entities, tags hidden by format characters);
    // real text reaches its fixed point in one or two passes.
    private const int MaxPasses = 8;
    private const int MaxTagLength = 256;

    // ASCII characters that the compaction of RewriteAscii must look at: white space, control characters
    // and (when tags are stripped) '<'.
    private static readonly SearchValues<char> AsciiSpecial = SearchValues.Create(AsciiControlsAndSpace());
    private static readonly SearchValues<char> AsciiSpecialWithTags = SearchValues.Create(AsciiControlsAndSpace() + "<");

    private readonly TextNormalizerOptions _options;
    private readonly SearchValues<char> _unchangedChars;

    /// <summary>Initializes a new instance of the <see cref="TextNormalizer"/> class with the default options.</summary>
    public TextNormalizer()
        : this(new TextNormalizerOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TextNormalizer"/> class.</summary>
    /// <param name="options">The settings; copied, so later changes to it have no effect.</param>
    public TextNormalizer(TextNormalizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _unchangedChars = SearchValues.Create(BuildUnchangedChars(_options));
    }

    /// <summary>Gets a shared normalizer with the default options.</summary>
    public static TextNormalizer Default { get; } = new();

    /// <summary>Gets a copy of the settings of this normalizer.</summary>
    public TextNormalizerOptions Options => _options.Clone();

    /// <summary>Normalizes a text.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The normalized text; the same instance when it was already normalized.</returns>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsUnchangedByPass(text))
        {
            return text;
        }

        // One pass can expose new work (an entity that decodes to a tag, a format character that hid
        // one), so passes repeat until nothing changes; that is what makes Normalize idempotent.
        var current = text;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var next = NormalizeOnce(current);
            if (IsStable(next) || string.Equals(next, current, StringComparison.Ordinal))
            {
                return next;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Tells whether a text is already in normalized form, so that <see cref="Normalize"/> would return it unchanged.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when normalizing would not change it.</returns>
    public bool IsNormalized(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsStable(text) || string.Equals(Normalize(text), text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes into <paramref name="buffer"/> (as long as the text) a text that the <see cref="WordTokenizer"/>
    /// splits into exactly the tokens of <see cref="Normalize"/>'s result, without building that string: ASCII
    /// text lower-cased with its tags blanked out. The tokenizer skips runs of white space and control characters
    /// just as normalizing collapses them, so nothing else needs rewriting.
    /// </summary>
    /// <returns><see langword="false"/> when the shortcut does not apply (non-ASCII text, a possible entity, a '&lt;' that is not a tag).</returns>
    internal bool TryPrepareForWordTokens(ReadOnlySpan<char> text, Span<char> buffer)
    {
        if (!Ascii.IsValid(text) || (_options.DecodeHtmlEntities && text.Contains('&')))
        {
            return false;
        }

        if (_options.LowerCase)
        {
            Ascii.ToLower(text, buffer, out _);
        }
        else
        {
            text.CopyTo(buffer);
        }

        if (_options.StripHtmlTags)
        {
            var i = 0;
            while (true)
            {
                var next = buffer[i..text.Length].IndexOf('<');
                if (next < 0)
                {
                    break;
                }

                i += next;
                if (!TryMatchTag(buffer[..text.Length], i, out var end))
                {
                    return false;
                }

                buffer[i..(end + 1)].Fill(' ');
                i = end + 1;
            }
        }

        return true;
    }

    private static string AsciiControlsAndSpace()
    {
        var chars = new char[34];
        for (var c = 0; c <= ' '; c++)
        {
            chars[c] = (char)c;
        }

        chars[33] = '\u007F';
        return new string(chars);
    }

    private static string BuildUnchangedChars(TextNormalizerOptions options)
    {
        var builder = new StringBuilder(96);
        for (var c = ' '; c < '\u007F'; c++)
        {
            if ((options.LowerCase && c is >= 'A' and <= 'Z')
                || (options.StripHtmlTags && c == '<')
                || (options.DecodeHtmlEntities && c == '&'))
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private bool IsUnchangedByPass(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyExcept(_unchangedChars) >= 0)
        {
            return false;
        }

        return !_options.CollapseWhitespace
            || text.IsEmpty
            || (text[0] != ' ' && text[^1] != ' ' && !text.Contains("  ", StringComparison.Ordinal));
    }

    // True when a pass would certainly return the text unchanged; false may be a false alarm (then another
    // pass runs and its result is compared). One scan instead of a whole second pass for non-ASCII text.
    private bool IsStable(string text)
    {
        if (IsUnchangedByPass(text))
        {
            return true;
        }

        var span = text.AsSpan();
        var nonAscii = false;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c < '\u0080')
            {
                if (c < ' ' || c == '\u007F')
                {
                    return false;
                }

                if (c == ' ')
                {
                    if (_options.CollapseWhitespace && (i == 0 || i == span.Length - 1 || span[i - 1] == ' '))
                    {
                        return false;
                    }
                }
                else if ((_options.LowerCase && char.IsAsciiLetterUpper(c))
                    || (c == '<' && _options.StripHtmlTags && TryMatchTag(span, i, out _))
                    || (c == '&' && _options.DecodeHtmlEntities && MightBeEntity(span, i)))
                {
                    return false;
                }
            }
            else
            {
                nonAscii = true;
                if (char.IsWhiteSpace(c) || char.IsControl(c)
                    || (_options.RemoveFormatCharacters && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                    || (_options.LowerCase && char.ToLowerInvariant(c) != c))
                {
                    return false;
                }
            }
        }

        return !nonAscii || !_options.UnicodeNormalization || text.IsNormalized(NormalizationForm.FormKC);
    }

    // Entities are "&name;", "&#123;" or "&#x1F;"; anything else after '&' is left alone by the decoder.
    private static bool MightBeEntity(ReadOnlySpan<char> text, int ampersand)
    {
        if (ampersand + 2 >= text.Length || !(char.IsAsciiLetterOrDigit(text[ampersand + 1]) || text[ampersand + 1] == '#'))
        {
            return false;
        }

        var window = text.Slice(ampersand + 1, Math.Min(40, text.Length - ampersand - 1));
        var end = window.IndexOfAny(';', ' ');
        return end > 0 && window[end] == ';';
    }

    private string NormalizeOnce(string text)
    {
        if (!Ascii.IsValid(text))
        {
            if (_options.RemoveFormatCharacters)
            {
                text = RemoveFormatCharacters(text);
            }

            if (_options.UnicodeNormalization)
            {
                text = text.Normalize(NormalizationForm.FormKC);
            }
        }

        if (_options.DecodeHtmlEntities && text.Contains('&', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }

        return Rewrite(text);
    }

    private static string RemoveFormatCharacters(string text)
    {
        var span = text.AsSpan();
        var first = 0;
        while (first < span.Length && !IsFormat(span[first]))
        {
            first++;
        }

        if (first == span.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(span[..first]);
        foreach (var c in span[first..])
        {
            if (!IsFormat(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsFormat(char c) =>
        c >= '\u0080' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    // Lower-casing, tags to spaces, format characters dropped and white space collapsed in one sweep;
    // every step keeps or shortens the text, so the output fits in a buffer of the input's length.
    private string Rewrite(string text)
    {
        if (Ascii.IsValid(text))
        {
            return RewriteAscii(text);
        }

        var source = text.AsSpan();
        var rented = ArrayPool<char>.Shared.Rent(Math.Max(1, source.Length));
        try
        {
            var destination = rented.AsSpan();
            var lower = _options.LowerCase;
            var stripTags = _options.StripHtmlTags;
            var removeFormat = _options.RemoveFormatCharacters;
            var collapse = _options.CollapseWhitespace;
            var written = 0;
            var pendingSpace = false;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                bool isSpace;
                if (c < '\u0080')
                {
                    if (c == '<' && stripTags && TryMatchTag(source, i, out var end))
                    {
                        i = end;
                        c = ' ';
                        isSpace = true;
                    }
                    else
                    {
                        isSpace = c <= ' ' || c == '\u007F';
                        if (!isSpace && lower && c is >= 'A' and <= 'Z')
                        {
                            c = (char)(c | 0x20);
                        }
                    }
                }
                else
                {
                    isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
                    if (!isSpace)
                    {
                        if (removeFormat && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                        {
                            continue;
                        }

                        if (lower)
                        {
                            c = char.ToLowerInvariant(c);
                        }
                    }
                }

                if (isSpace)
                {
                    if (collapse)
                    {
                        pendingSpace = written > 0;
                        continue;
                    }

                    // Control characters become spaces; real white space is kept as it is.
                    destination[written++] = char.IsWhiteSpace(c) ? c : ' ';
                    continue;
                }

                if (pendingSpace)
                {
                    destination[written++] = ' ';
                    pendingSpace = false;
                }

                destination[written++] = c;
            }

            return new string(destination[..written]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    // The common case: lower-case everything at once (vectorized), then compact in place, copying the runs
    // between spaces, tags and control characters in bulk.
    private string RewriteAscii(string text)
    {
        var rented = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            var buffer = rented.AsSpan(0, text.Length);
            if (_options.LowerCase)
            {
                Ascii.ToLower(text, buffer, out _);
            }
            else
            {
                text.CopyTo(buffer);
            }

            var stripTags = _options.StripHtmlTags;
            var collapse = _options.CollapseWhitespace;
            var special = stripTags ? AsciiSpecialWithTags : AsciiSpecial;
            var read = 0;
            var written = 0;
            var pendingSpace = false;
            while (read < buffer.Length)
            {
                var run = buffer[read..].IndexOfAny(special);
                if (run < 0)
                {
                    run = buffer.Length - read;
                }

                if (run > 0)
                {
                    if (pendingSpace)
                    {
                        buffer[written++] = ' ';
                        pendingSpace = false;
                    }

                    if (written != read)
                    {
                        buffer.Slice(read, run).CopyTo(buffer[written..]);
                    }

                    written += run;
                    read += run;
                    continue;
                }

                var c = buffer[read];
                if (c == '<')
                {
                    if (!TryMatchTag(buffer, read, out var end))
                    {
                        if (pendingSpace)
                        {
                            buffer[written++] = ' ';
                            pendingSpace = false;
                        }

                        buffer[written++] = '<';
                        read++;
                        continue;
                    }

                    read = end + 1;
                    c = ' ';
                }
                else
                {
                    read++;
                }

                if (collapse)
                {
                    pendingSpace = written > 0;
                }
                else
                {
                    buffer[written++] = c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' ? c : ' ';
                }
            }

            return new string(buffer[..written]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static bool TryMatchTag(ReadOnlySpan<char> text, int start, out int end)
    {
        end = start;
        if (start + 2 >= text.Length)
        {
            return false;
        }

        var next = text[start + 1];
        if (!char.IsAsciiLetter(next) && next != '/' && next != '!')
        {
            return false;
        }

        var window = text.Slice(start + 2, Math.Min(MaxTagLength, text.Length - start - 2));
        var stop = window.IndexOfAny('<', '>');
        if (stop < 0 || window[stop] != '>')
        {
            return false;
        }

        end = start + 2 + stop;
        return true;
    }
}
