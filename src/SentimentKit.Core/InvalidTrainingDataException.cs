namespace SentimentKit;

/// <summary>Labeled data given to train, validate or evaluate cannot be used (empty, one label, unknown labels); the message says why in one line.</summary>
public sealed class InvalidTrainingDataException : ArgumentException
{
    /// <summary>Initializes a new instance of the <see cref="InvalidTrainingDataException"/> class.</summary>
    public InvalidTrainingDataException()
        : this("The training data is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidTrainingDataException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    public InvalidTrainingDataException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidTrainingDataException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    /// <param name="innerException">The underlying error.</param>
    public InvalidTrainingDataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
