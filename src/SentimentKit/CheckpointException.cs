namespace SentimentKit;

/// <summary>A checkpoint file cannot be read or does not fit the model being trained; the message names the file.</summary>
public sealed class CheckpointException : IOException
{
    /// <summary>Initializes a new instance of the <see cref="CheckpointException"/> class.</summary>
    public CheckpointException()
        : this("The checkpoint cannot be used.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CheckpointException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CheckpointException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    /// <param name="innerException">The underlying error.</param>
    public CheckpointException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
