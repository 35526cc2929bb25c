namespace SentimentKit;

/// <summary>The training loss became NaN or infinite; training stopped at <see cref="Epoch"/> and <see cref="Step"/>.</summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="TrainingDivergedException"/> class.</summary>
    public TrainingDivergedException()
        : this("The training loss is not a finite number.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TrainingDivergedException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TrainingDivergedException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    /// <param name="innerException">The underlying error.</param>
    public TrainingDivergedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TrainingDivergedException"/> class.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="step">The step in the epoch, from 1.</param>
    /// <param name="loss">The loss value.</param>
    /// <param name="learningRate">The learning rate of the step.</param>
    public TrainingDivergedException(int epoch, int step, double loss, double learningRate)
        : base(FormattableString.Invariant($"The training loss became {loss} at epoch {epoch}, step {step} (learning rate {learningRate:G3}); try a lower learning rate or gradient clipping."))
    {
        Epoch = epoch;
        Step = step;
    }

    /// <summary>Gets the epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>Gets the step in the epoch, from 1.</summary>
    public int Step { get; }
}
