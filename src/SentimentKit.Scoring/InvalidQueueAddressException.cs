namespace SentimentKit.Scoring;

/// <summary>A queue address (<c>redis://HOST:PORT/JOB</c>) is malformed.</summary>
public sealed class InvalidQueueAddressException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="InvalidQueueAddressException"/> class.</summary>
    public InvalidQueueAddressException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidQueueAddressException"/> class with a message.</summary>
    /// <param name="message">What went wrong, in one line.</param>
    public InvalidQueueAddressException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidQueueAddressException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong, in one line.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidQueueAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
