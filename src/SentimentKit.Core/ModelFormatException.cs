namespace SentimentKit;

/// <summary>A model file cannot be loaded: corrupt, truncated, of another format version, or inconsistent. Nothing was loaded.</summary>
public sealed class ModelFormatException : IOException
{
    /// <summary>Initializes a new instance of the <see cref="ModelFormatException"/> class.</summary>
    public ModelFormatException()
        : this("The model file cannot be loaded.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ModelFormatException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    public ModelFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ModelFormatException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    /// <param name="innerException">The underlying error.</param>
    public ModelFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ModelFormatException"/> class.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The underlying error.</param>
    public ModelFormatException(string path, string reason, Exception? innerException)
        : base($"Model '{path}' cannot be loaded: {reason}", innerException)
    {
        Path = path;
    }

    /// <summary>Gets the model file.</summary>
    public string? Path { get; }
}
