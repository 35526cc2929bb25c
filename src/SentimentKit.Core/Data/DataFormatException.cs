namespace SentimentKit.Data;

/// <summary>
/// A dataset file is malformed: invalid UTF-8, a missing column, an empty label, a row with the wrong number
/// of fields, an empty file … The message is one line that names the file and the line or archive entry.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    public DataFormatException()
        : this("The dataset is malformed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public DataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DataFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
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
            location += ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // One line, whatever the reason quotes.
        return $"{location}: {reason}".ReplaceLineEndings(" ");
    }
}
