using System.Buffers;
using System.Globalization;
using System.Text;

namespace SentimentKit.Data;

/// <summary>
/// A dataset file is malformed: invalid UTF-8, a missing column, an empty label, a row with the wrong number
/// of fields, an empty file, a corrupt archive, a limit exceeded … The message is one line that names the file and
/// the line or archive entry, with control characters written as <c>\uXXXX</c> escapes, so that it prints safely
/// whatever the data held.
/// </summary>
public sealed class DataFormatException : FormatException
{
    // C0 and C1 control characters, DEL, and the bidirectional marks, embeddings, overrides and isolates.
    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        [.. Range('\u0000', '\u001F'), .. Range('\u007F', '\u009F'), '\u200E', '\u200F', .. Range('\u202A', '\u202E'), .. Range('\u2066', '\u2069')]);

    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    public DataFormatException()
        : this("The dataset is malformed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public DataFormatException(string message)
        : base(Printable(message))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DataFormatException(string message, Exception innerException)
        : base(Printable(message), innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    /// <param name="file">The file (or other source name).</param>
    /// <param name="line">The 1-based line, or <see langword="null"/>.</param>
    /// <param name="entry">The archive entry, or <see langword="null"/>.</param>
    /// <param name="reason">What is wrong, one sentence.</param>
    /// <param name="innerException">The cause, if any.</param>
    public DataFormatException(string file, int? line, string? entry, string reason, Exception? innerException = null)
        : base(Describe(file, line, entry, reason), innerException)
    {
        File = file;
        Line = line;
        Entry = entry;
        Reason = reason;
    }

    /// <summary>Gets the file (or other source name) that is malformed.</summary>
    public string? File { get; }

    /// <summary>Gets the 1-based line of the problem (the first line of a multi-line record), when known.</summary>
    public int? Line { get; }

    /// <summary>Gets the archive entry of the problem, when the file is an archive.</summary>
    public string? Entry { get; }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string? Reason { get; }

    private static string Describe(string file, int? line, string? entry, string reason)
    {
        var location = entry is null ? file : $"{file} [{entry}]";
        if (line is { } l)
        {
            location += ":" + l.ToString(CultureInfo.InvariantCulture);
        }

        return Printable($"{location}: {reason}");
    }

    private static IEnumerable<char> Range(char first, char last) => Enumerable.Range(first, last - first + 1).Select(c => (char)c);

    /// <summary>One line, whatever the reason quotes, and nothing a terminal would act on (escapes, NUL, bidirectional overrides).</summary>
    private static string Printable(string? text)
    {
        text = (text ?? string.Empty).ReplaceLineEndings(" ");
        if (!text.AsSpan().ContainsAny(Unprintable))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Unprintable.Contains(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
