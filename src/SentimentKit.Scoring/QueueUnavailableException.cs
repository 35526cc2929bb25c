namespace SentimentKit.Scoring;

/// <summary>The Redis server of a job cannot be reached, or stayed unreachable for longer than a job waits for it.</summary>
public sealed class QueueUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="QueueUnavailableException"/> class.</summary>
    public QueueUnavailableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="QueueUnavailableException"/> class with a message.</summary>
    /// <param name="message">What went wrong, in one line.</param>
    public QueueUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="QueueUnavailableException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong, in one line.</param>
    /// <param name="innerException">The cause.</param>
    public QueueUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
