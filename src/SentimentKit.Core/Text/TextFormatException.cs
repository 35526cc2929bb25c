namespace SentimentKit.Text;

/// <summary>
/// A text-layer file (a vocabulary, a word-vector file, a fitted featurizer) is malformed. The message is
/// one line that names the file and, where known, the line.
/// </summary>
public sealed class TextFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="TextFormatException"/> class.</summary>
    public TextFormatException()
        : this("The text file is malformed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TextFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public TextFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TextFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TextFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TextFormatException"/> class.</summary>
    /// <param name="file">The file (or other source name) that is malformed.</param>
    /// <param name="line">The 1-based line, or <see langword="null"/> when the problem is not on one line.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TextFormatException(string file, int? line, string reason, Exception? innerException = null)
        : base(Describe(file, line, reason), innerException)
    {
        File = file;
        Line = line;
    }

    /// <summary>Gets the file (or other source name) that is malformed.</summary>
    public string? File { get; }

    /// <summary>Gets the 1-based line of the problem, when it is on one line.</summary>
    public int? Line { get; }

    private static string Describe(string file, int? line, string reason) =>
        line is { } l ? $"{file}:{l}: {reason}" : $"{file}: {reason}";
}
