namespace SentimentKit.Onnx;

/// <summary>
/// An ONNX file cannot be read: truncated, not protobuf, inconsistent (a node reads a value nothing defines, a
/// tensor's data disagrees with its shape) or using what this reader does not support (external data). The
/// message is one line that names what is wrong and, where known, the byte offset.
/// </summary>
public sealed class OnnxFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="OnnxFormatException"/> class.</summary>
    public OnnxFormatException()
        : this("The ONNX file is malformed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OnnxFormatException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    public OnnxFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OnnxFormatException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    /// <param name="innerException">The underlying error.</param>
    public OnnxFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Quotes a name taken from a file for a message: control characters escaped, so that the message stays one
    /// line, and long names shortened.
    /// </summary>
    internal static string Quote(string name)
    {
        const int MaxLength = 80;
        var builder = new System.Text.StringBuilder(Math.Min(name.Length, MaxLength) + 2).Append('\'');
        foreach (var c in name.Length > MaxLength ? name[..MaxLength] : name)
        {
            if (char.IsControl(c))
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append(name.Length > MaxLength ? "…'" : "'").ToString();
    }
}
