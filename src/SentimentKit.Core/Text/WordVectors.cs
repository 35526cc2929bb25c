using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SentimentKit.Text;

/// <summary>
/// Reads pretrained word vectors in the text format of GloVe, word2vec and fastText (one word and its numbers
/// per line, separated by spaces; an optional first line "count dimension") and aligns them to a vocabulary.
/// The file is streamed: only the vectors of vocabulary words are kept in memory.
/// </summary>
public static class WordVectors
{
    /// <summary>Reads a vector file (gzip-compressed when its name ends with <c>.gz</c>) and aligns it to a vocabulary.</summary>
    /// <param name="path">The vector file.</param>
    /// <param name="vocabulary">The vocabulary whose ids index the rows.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The aligned matrix.</returns>
    /// <exception cref="TextFormatException">A line has a different number of values than the others, or a value is not a number.</exception>
    public static AlignedWordVectors LoadAligned(string path, Vocabulary vocabulary, WordVectorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        return LoadAligned(stream, path, vocabulary, options);
    }

    /// <summary>Reads vectors from a stream and aligns them to a vocabulary.</summary>
    /// <param name="stream">The text stream (UTF-8).</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <param name="vocabulary">The vocabulary whose ids index the rows.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The aligned matrix.</returns>
    /// <exception cref="TextFormatException">A line has a different number of values than the others, or a value is not a number.</exception>
    public static AlignedWordVectors LoadAligned(Stream stream, string sourceName, Vocabulary vocabulary, WordVectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(vocabulary);
        options ??= new WordVectorOptions();
        options.Validate();

        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var dimension = -1;
        float[,]? matrix = null;
        byte[] source = new byte[vocabulary.Count];
        const byte FromLowerCase = 1;
        const byte Exact = 2;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var span = line.AsSpan().TrimEnd();
            if (span.IsEmpty)
            {
                continue;
            }

            var fields = CountFields(span);
            if (lineNumber == 1 && fields == 2 && TryParseHeader(span, out var headerDimension))
            {
                dimension = headerDimension;
                continue;
            }

            if (dimension < 0)
            {
                dimension = fields - 1;
                if (dimension < 1)
                {
                    throw new TextFormatException(sourceName, lineNumber, "a line needs a word followed by at least one number.");
                }
            }

            if (fields - 1 != dimension)
            {
                throw new TextFormatException(sourceName, lineNumber, $"expected {dimension} numbers after the word, found {fields - 1}.");
            }

            matrix ??= CreateInitialMatrix(vocabulary.Count, dimension, options);
            var wordEnd = span.IndexOfAny(' ', '\t');
            var word = span[..wordEnd];
            byte level;
            if (vocabulary.TryGetId(word, out var id))
            {
                level = Exact;
            }
            else if (options.LowerCaseFallback && vocabulary.TryGetId(word.ToString().ToLowerInvariant(), out id))
            {
                level = FromLowerCase;
            }
            else
            {
                continue;
            }

            if (id == Vocabulary.PadId || source[id] >= level)
            {
                continue;
            }

            source[id] = level;
            ParseValues(span[(wordEnd + 1)..], matrix, id, sourceName, lineNumber);
        }

        if (dimension < 1)
        {
            throw new TextFormatException(sourceName, null, "the file has no vectors.");
        }

        matrix ??= CreateInitialMatrix(vocabulary.Count, dimension, options);
        var found = source.Count(static s => s != 0);
        return new AlignedWordVectors(matrix, found);
    }

    private static int CountFields(ReadOnlySpan<char> line)
    {
        var count = 0;
        var inField = false;
        foreach (var c in line)
        {
            var separator = c is ' ' or '\t';
            if (!separator && !inField)
            {
                count++;
            }

            inField = !separator;
        }

        return count;
    }

    private static bool TryParseHeader(ReadOnlySpan<char> line, out int dimension)
    {
        dimension = 0;
        var space = line.IndexOf(' ');
        return space > 0
            && long.TryParse(line[..space], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && int.TryParse(line[(space + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out dimension)
            && dimension > 0;
    }

    private static float[,] CreateInitialMatrix(int rows, int dimension, WordVectorOptions options)
    {
        var matrix = new float[rows, dimension];
        var random = new Random(options.Seed);
        for (var row = 0; row < rows; row++)
        {
            for (var col = 0; col < dimension; col++)
            {
                // Drawn for the padding row too, so that every other row gets the same values whatever the vocabulary's specials.
                var value = (float)((random.NextDouble() * 2) - 1) * options.InitScale;
                matrix[row, col] = row == Vocabulary.PadId ? 0f : value;
            }
        }

        return matrix;
    }

    private static void ParseValues(ReadOnlySpan<char> values, float[,] matrix, int row, string sourceName, int lineNumber)
    {
        var col = 0;
        foreach (var range in values.SplitAny(' ', '\t'))
        {
            var field = values[range];
            if (field.IsEmpty)
            {
                continue;
            }

            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new TextFormatException(sourceName, lineNumber, $"'{field.ToString()}' is not a number.");
            }

            matrix[row, col++] = value;
        }
    }
}
