using System.Globalization;
using System.Runtime.CompilerServices;

namespace SentimentKit.Text;

/// <summary>
/// The default tokenizer: words and numbers (keeping inner apostrophes and hyphens, as in <c>don't</c> and
/// <c>well-made</c>, and inner decimal points and thousands separators between digits, as in <c>3.5</c>),
/// common emoticons (<c>:)</c>, <c>:-(</c>, <c>:d</c>, <c>;)</c>, <c>&lt;3</c>, <c>^_^</c> …) and
/// punctuation, where a run of one punctuation character (<c>!!!</c>, <c>...</c>) is one token. White space,
/// control and format characters separate tokens. It is a hand-written scanner with an ASCII fast path.
/// </summary>
public sealed class WordTokenizer : ITokenizer
{
    private const byte Other = 0;
    private const byte Word = 1;
    private const byte Space = 2;

    /// <summary>Gets a shared instance.</summary>
    public static WordTokenizer Instance { get; } = new();

    // Classes of the ASCII characters: 0 other, 1 letter or digit, 2 white space or control. A span over
    // constant data, so the lookup needs no static field load and no bounds check.
    private static ReadOnlySpan<byte> AsciiClass =>
    [
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 2,
    ];

    /// <inheritdoc/>
    public bool TryReadToken(ReadOnlySpan<char> text, ref int position, out int start, out int length) =>
        Next(text, ref position, out start, out length);

    /// <inheritdoc/>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var position = 0;
        while (Next(text, ref position, out var start, out var length))
        {
            tokens.Add(text.Substring(start, length));
        }

        return tokens;
    }

    internal static bool Next(ReadOnlySpan<char> text, ref int position, out int start, out int length)
    {
        var i = position;
        while (i < text.Length && ClassOf(text[i]) == Space)
        {
            i++;
        }

        if (i >= text.Length)
        {
            position = text.Length;
            start = text.Length;
            length = 0;
            return false;
        }

        int end;
        if (ClassOf(text[i]) == Word)
        {
            end = ScanWord(text, i);
        }
        else
        {
            end = MatchEmoticon(text, i);
            if (end == i)
            {
                end = ScanSymbol(text, i);
            }
        }

        start = i;
        length = end - i;
        position = end;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ClassOf(char c) => c < '\u0080' ? AsciiClass[c] : ClassOfNonAscii(c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte ClassOfNonAscii(char c)
    {
        if (char.IsLetterOrDigit(c))
        {
            return Word;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => Word,
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Control or UnicodeCategory.Format => Space,
            _ => Other,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWord(char c) => ClassOf(c) == Word;

    private static int ScanWord(ReadOnlySpan<char> text, int i)
    {
        var j = i + 1;
        while (j < text.Length)
        {
            var c = text[j];
            if (IsWord(c))
            {
                j++;
                continue;
            }

            if (j + 1 < text.Length && IsWord(text[j + 1]))
            {
                if (c is '\'' or '\u2019' or '-')
                {
                    j += 2;
                    continue;
                }

                if (c is '.' or ',' && char.IsAsciiDigit(text[j - 1]) && char.IsAsciiDigit(text[j + 1]))
                {
                    j += 2;
                    continue;
                }
            }

            break;
        }

        return j;
    }

    private static int MatchEmoticon(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c == '<')
        {
            return i + 1 < text.Length && text[i + 1] == '3' && IsBoundary(text, i + 2) ? i + 2 : i;
        }

        if (c == '^')
        {
            return i + 2 < text.Length && text[i + 1] == '_' && text[i + 2] == '^' ? i + 3 : i;
        }

        if (c is not (':' or ';' or '='))
        {
            return i;
        }

        var j = i + 1;
        if (j < text.Length && text[j] is '-' or '\'' or '^')
        {
            j++;
        }

        if (j >= text.Length)
        {
            return i;
        }

        var mouth = text[j];
        if (mouth is ')' or '(' or '[' or ']' or '/' or '\\' or '|' or '*' or '$' or '@' or '{' or '}')
        {
            // "://" in a URL is not a face.
            if (mouth == '/' && j + 1 < text.Length && text[j + 1] == '/')
            {
                return i;
            }

            // Repeated mouths, as in ":)))", stay in the emoticon.
            j++;
            while (j < text.Length && text[j] == mouth)
            {
                j++;
            }

            return j;
        }

        if (mouth is 'd' or 'D' or 'p' or 'P' or 'o' or 'O' or 's' or 'S' or 'x' or 'X' or '3')
        {
            return IsBoundary(text, j + 1) ? j + 1 : i;
        }

        return i;
    }

    private static bool IsBoundary(ReadOnlySpan<char> text, int i) => i >= text.Length || !IsWord(text[i]);

    private static int ScanSymbol(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? i + 2 : i + 1;
        }

        var j = i + 1;
        while (j < text.Length && text[j] == c)
        {
            j++;
        }

        return j;
    }
}
