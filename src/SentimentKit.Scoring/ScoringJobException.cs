namespace SentimentKit.Scoring;

/// <summary>A scoring job cannot go on as asked: its output folder holds another job, a worker's model is not the job's, or the queue holds no such job.</summary>
public sealed class ScoringJobException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ScoringJobException"/> class.</summary>
    public ScoringJobException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScoringJobException"/> class with a message.</summary>
    /// <param name="message">What went wrong, in one line.</param>
    public ScoringJobException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScoringJobException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong, in one line.</param>
    /// <param name="innerException">The cause.</param>
    public ScoringJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
