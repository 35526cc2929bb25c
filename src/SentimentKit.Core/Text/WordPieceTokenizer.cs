using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace SentimentKit.Text;

/// <summary>
/// BERT's tokenizer: basic tokenization, then WordPiece. Basic tokenization removes control and
/// format characters, splits on whitespace, puts every CJK ideograph and every punctuation
/// character into a word of its own, and (per <see cref="WordPieceTokenizerOptions"/>) strips
/// accents and lower-cases. WordPiece then splits each word greedily into the longest pieces the
/// vocabulary has, from the left, continuation pieces marked <c>##</c>; a word it cannot split,
/// or one longer than <see cref="WordPieceTokenizerOptions.MaxCharactersPerWord"/>, becomes <c>[UNK]</c>.
/// Safe to share between threads.
/// </summary>
/// <remarks>
/// The rules are those of Hugging Face's BERT tokenizer (<c>BertNormalizer</c>,
/// <c>BertPreTokenizer</c>, <c>WordPiece</c>), which uncased BERT models were trained with:
/// control characters (category C*, and U+0000, U+FFFD) are dropped, not turned into spaces, so
/// <c>\v</c>, <c>\f</c> and U+0085 join their neighbours; whitespace is Unicode's White_Space;
/// punctuation is every ASCII non-alphanumeric symbol plus Unicode category P*, checked after
/// normalization; CJK ideographs include the supplementary planes. Text that looks like a special
/// token (<c>[SEP]</c>) is read as plain text, so a review cannot inject structure.
/// </remarks>
public sealed class WordPieceTokenizer
{
    private const byte AsciiSkip = 0;
    private const byte AsciiSpace = 1;
    private const byte AsciiPunctuation = 2;
    private const byte AsciiWord = 3;

    // What basic tokenization does with each ASCII character; the non-ASCII path decides per rune.
    private static readonly byte[] AsciiKinds = CreateAsciiKinds();

    // The normalized text of each BMP character, per (lower-case, strip accents) mode, filled on
    // first use. Races only recompute the same immutable string.
    private static readonly string?[][] NormalizedBmp = [new string?[65536], new string?[65536], new string?[65536], new string?[65536]];

    private readonly WordPieceTokenizerOptions _options;
    private readonly bool _lowerCase;
    private readonly bool _stripAccents;
    private readonly int _maxCharactersPerWord;
    private readonly string?[] _normalizedBmp;
    private readonly TokenTable _startTable;
    private readonly TokenTable _continuationTable;
    private readonly int[] _continuationIds;
    private readonly int _maxStartChars;
    private readonly int _maxContinuationChars;
    private readonly int _unkId;

    /// <summary>Initializes a tokenizer with the uncased defaults.</summary>
    /// <param name="vocabulary">The vocabulary.</param>
    public WordPieceTokenizer(WordPieceVocabulary vocabulary)
        : this(vocabulary, new WordPieceTokenizerOptions())
    {
    }

    /// <summary>Initializes a tokenizer.</summary>
    /// <param name="vocabulary">The vocabulary.</param>
    /// <param name="options">The settings; validated and copied.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public WordPieceTokenizer(WordPieceVocabulary vocabulary, WordPieceTokenizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Vocabulary = vocabulary;
        _options = options.Clone();
        _lowerCase = _options.LowerCase;
        _stripAccents = _options.ResolvedStripAccents;
        _maxCharactersPerWord = _options.MaxCharactersPerWord;
        _normalizedBmp = NormalizedBmp[(_lowerCase ? 1 : 0) + (_stripAccents ? 2 : 0)];
        _startTable = vocabulary.StartTable;
        _continuationTable = vocabulary.ContinuationTable;
        _continuationIds = vocabulary.ContinuationIds;
        _maxStartChars = vocabulary.MaxTokenChars;
        _maxContinuationChars = vocabulary.MaxContinuationChars;
        _unkId = vocabulary.UnkId;
    }

    /// <summary>Gets the vocabulary.</summary>
    public WordPieceVocabulary Vocabulary { get; }

    /// <summary>Gets a copy of the settings.</summary>
    public WordPieceTokenizerOptions Options => _options.Clone();

    /// <summary>Splits a text into piece ids (no <c>[CLS]</c> or <c>[SEP]</c>), appending them to a list.</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="ids">The list that receives the ids.</param>
    /// <returns>The number of ids appended.</returns>
    public int Tokenize(string text, List<int> ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ids);
        var before = ids.Count;
        Run(text, ids, null, null);
        return ids.Count - before;
    }

    /// <summary>
    /// Splits a text into piece ids and says which word each piece belongs to, so that what is
    /// computed per piece (attributions) can be merged per word.
    /// </summary>
    /// <param name="text">The raw text.</param>
    /// <param name="ids">The list that receives the piece ids.</param>
    /// <param name="wordIndices">The list that receives, for each piece, the index of its word in <paramref name="words"/>.</param>
    /// <param name="words">The list that receives each word's place in <paramref name="text"/>.</param>
    /// <returns>The number of ids appended.</returns>
    public int Tokenize(string text, List<int> ids, List<int> wordIndices, List<WordSpan> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(wordIndices);
        ArgumentNullException.ThrowIfNull(words);
        var before = ids.Count;
        Run(text, ids, wordIndices, words);
        return ids.Count - before;
    }

    /// <summary>Splits a text into piece strings (continuations with <c>##</c>), for inspection.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The pieces.</returns>
    public IReadOnlyList<string> TokenizeToStrings(string text)
    {
        var ids = new List<int>();
        Tokenize(text, ids);
        return ids.Select(Vocabulary.GetToken).ToArray();
    }

    private static byte[] CreateAsciiKinds()
    {
        var kinds = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            kinds[c] = c switch
            {
                '\t' or '\n' or '\r' or ' ' => AsciiSpace,

                // Every other C0 control and DEL is removed, as control characters are.
                < 32 or 127 => AsciiSkip,
                (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126) => AsciiPunctuation,
                _ => AsciiWord,
            };
        }

        return kinds;
    }

    private static bool IsRemoved(Rune rune)
    {
        if (rune.Value == 0xFFFD)
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;
    }

    private static bool IsCjkIdeograph(int cp) =>
        (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);

    private static bool IsPunctuation(Rune rune) =>
        rune.IsAscii ? AsciiKinds[rune.Value] == AsciiPunctuation : Rune.IsPunctuation(rune);

    private static int CountRunes(ReadOnlySpan<char> word)
    {
        var count = word.Length;
        for (var i = 0; i < word.Length - 1; i++)
        {
            if (char.IsSurrogatePair(word[i], word[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    private string Normalize(Rune rune)
    {
        if (rune.IsBmp && _normalizedBmp[rune.Value] is { } cached)
        {
            return cached;
        }

        var text = rune.ToString();
        if (_stripAccents)
        {
            var decomposed = text.Normalize(NormalizationForm.FormD);
            var kept = new StringBuilder(decomposed.Length);
            foreach (var part in decomposed.EnumerateRunes())
            {
                if (Rune.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                {
                    kept.Append(part.ToString());
                }
            }

            text = kept.ToString();
        }

        if (_lowerCase)
        {
            var lowered = new StringBuilder(text.Length);
            foreach (var part in text.EnumerateRunes())
            {
                lowered.Append(Rune.ToLowerInvariant(part).ToString());
            }

            text = lowered.ToString();
        }

        if (rune.IsBmp)
        {
            _normalizedBmp[rune.Value] = text;
        }

        return text;
    }

    private void Run(string text, List<int> ids, List<int>? wordIndices, List<WordSpan>? words)
    {
        var state = new WordState(ArrayPool<char>.Shared.Rent(Math.Clamp(text.Length, 16, 256)));
        try
        {
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c < 128)
                {
                    switch (AsciiKinds[c])
                    {
                        case AsciiWord:
                            state.Append(_lowerCase && c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c, i, 1);
                            break;
                        case AsciiSpace:
                            Flush(ref state, ids, wordIndices, words);
                            break;
                        case AsciiPunctuation:
                            Flush(ref state, ids, wordIndices, words);
                            state.Append(c, i, 1);
                            Flush(ref state, ids, wordIndices, words);
                            break;
                        default:
                            // A removed character inside a word still belongs to its span.
                            state.Extend(i, 1);
                            break;
                    }

                    i++;
                    continue;
                }

                // An unpaired surrogate decodes as U+FFFD, which is removed like a control character.
                Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
                if (IsRemoved(rune))
                {
                    state.Extend(i, consumed);
                }
                else if (Rune.IsWhiteSpace(rune))
                {
                    Flush(ref state, ids, wordIndices, words);
                }
                else if (IsCjkIdeograph(rune.Value))
                {
                    Flush(ref state, ids, wordIndices, words);
                    state.Append(Normalize(rune), i, consumed);
                    Flush(ref state, ids, wordIndices, words);
                }
                else
                {
                    AppendNormalized(ref state, Normalize(rune), i, consumed, ids, wordIndices, words);
                }

                i += consumed;
            }

            Flush(ref state, ids, wordIndices, words);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(state.Buffer);
        }
    }

    // Punctuation is found in the normalized text, as BERT's pre-tokenizer sees it: a character
    // whose decomposition is punctuation (U+037E, the Greek question mark, is ';') splits the word.
    private void AppendNormalized(ref WordState state, string normalized, int start, int length, List<int> ids, List<int>? wordIndices, List<WordSpan>? words)
    {
        if (normalized.Length == 0)
        {
            state.Extend(start, length);
            return;
        }

        var position = 0;
        while (position < normalized.Length)
        {
            Rune.DecodeFromUtf16(normalized.AsSpan(position), out var part, out var partLength);
            if (IsPunctuation(part))
            {
                Flush(ref state, ids, wordIndices, words);
                state.Append(normalized.AsSpan(position, partLength), start, length);
                Flush(ref state, ids, wordIndices, words);
            }
            else
            {
                state.Append(normalized.AsSpan(position, partLength), start, length);
            }

            position += partLength;
        }
    }

    private void Flush(ref WordState state, List<int> ids, List<int>? wordIndices, List<WordSpan>? words)
    {
        if (state.Length == 0)
        {
            state.Reset();
            return;
        }

        var wordIndex = state.WordCount;
        var added = AddPieces(state.Buffer.AsSpan(0, state.Length), ids);
        if (words is not null)
        {
            words.Add(new WordSpan(state.Start, state.End - state.Start));
            for (var p = 0; p < added; p++)
            {
                wordIndices!.Add(wordIndex);
            }
        }

        state.WordCount++;
        state.Reset();
    }

    /// <summary>Greedy longest-match-first WordPiece of one normalized word; the whole word is <c>[UNK]</c> when any part has no piece.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int AddPieces(ReadOnlySpan<char> word, List<int> ids)
    {
        if (word.Length > _maxCharactersPerWord && CountRunes(word) > _maxCharactersPerWord)
        {
            ids.Add(_unkId);
            return 1;
        }

        var before = ids.Count;
        var start = 0;
        while (start < word.Length)
        {
            var isFirst = start == 0;
            var table = isFirst ? _startTable : _continuationTable;

            // No token is longer than the longest in the vocabulary, so longer candidates are not looked up.
            var end = Math.Min(word.Length, start + (isFirst ? _maxStartChars : _maxContinuationChars));
            var found = -1;
            for (; end > start; end--)
            {
                found = table.Find(word[start..end]);
                if (found >= 0)
                {
                    break;
                }
            }

            if (found < 0)
            {
                ids.RemoveRange(before, ids.Count - before);
                ids.Add(_unkId);
                return 1;
            }

            ids.Add(isFirst ? found : _continuationIds[found]);
            start = end;
        }

        return ids.Count - before;
    }

    /// <summary>The word being collected: its normalized characters and its span in the original text.</summary>
    private struct WordState(char[] buffer)
    {
        public char[] Buffer = buffer;
        public int Length;
        public int Start = -1;
        public int End;
        public int WordCount;

        public void Append(char c, int sourceStart, int sourceLength)
        {
            if (Length == Buffer.Length)
            {
                Grow(1);
            }

            Buffer[Length++] = c;
            Extend(sourceStart, sourceLength);
        }

        public void Append(ReadOnlySpan<char> chars, int sourceStart, int sourceLength)
        {
            if (Length + chars.Length > Buffer.Length)
            {
                Grow(chars.Length);
            }

            chars.CopyTo(Buffer.AsSpan(Length));
            Length += chars.Length;
            Extend(sourceStart, sourceLength);
        }

        /// <summary>Widens the word's span over characters that add nothing to it (removed controls, bare marks), once the word has begun.</summary>
        public void Extend(int sourceStart, int sourceLength)
        {
            if (Length == 0)
            {
                return;
            }

            if (Start < 0)
            {
                Start = sourceStart;
            }

            End = sourceStart + sourceLength;
        }

        public void Reset()
        {
            Length = 0;
            Start = -1;
            End = 0;
        }

        private void Grow(int needed)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(Buffer.Length * 2, Length + needed));
            Buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<char>.Shared.Return(Buffer);
            Buffer = larger;
        }
    }
}
