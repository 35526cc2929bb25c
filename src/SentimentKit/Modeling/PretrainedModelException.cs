namespace SentimentKit.Modeling;

/// <summary>
/// A pretrained model file cannot be used as the model it should be: a tensor is missing or has
/// the wrong shape, its layout is not one that is understood, or it does not match its
/// vocabulary. The message names the file and what does not match.
/// </summary>
public sealed class PretrainedModelException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="PretrainedModelException"/> class.</summary>
    public PretrainedModelException()
        : this("The pretrained model cannot be used.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PretrainedModelException"/> class.</summary>
    /// <param name="message">The message.</param>
    public PretrainedModelException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PretrainedModelException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PretrainedModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PretrainedModelException"/> class.</summary>
    /// <param name="file">The file (or other source name) that cannot be used.</param>
    /// <param name="reason">What does not match.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PretrainedModelException(string file, string reason, Exception? innerException = null)
        : base($"{file}: {reason}", innerException)
    {
        File = file;
    }

    /// <summary>Gets the file (or other source name) that cannot be used, where known.</summary>
    public string? File { get; }
}
