namespace SentimentKit;

/// <summary>A progress report of the training loop, sent every few steps and at the end of each epoch.</summary>
public sealed record TrainingProgress
{
    /// <summary>Gets the current epoch, counted from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>Gets the number of epochs planned.</summary>
    public required int Epochs { get; init; }

    /// <summary>Gets the steps done in the current epoch.</summary>
    public required int Step { get; init; }

    /// <summary>Gets the number of steps in the current epoch.</summary>
    public required int StepsInEpoch { get; init; }

    /// <summary>Gets the mean training loss of the current epoch so far.</summary>
    public required double Loss { get; init; }

    /// <summary>Gets the training accuracy of the current epoch so far.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Gets the learning rate of the last step.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Gets the training throughput of the current epoch so far.</summary>
    public required double SamplesPerSecond { get; init; }

    /// <summary>Gets the estimated time left for the remaining training steps (validation not included).</summary>
    public required TimeSpan EstimatedTimeLeft { get; init; }
}
