using SentimentKit.Evaluation;
namespace SentimentKit;

/// <summary>What one epoch did: training figures, timing, throughput and the validation at its end.</summary>
public sealed record EpochSummary
{
    /// <summary>Gets the epoch, counted from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>Gets the number of optimizer steps.</summary>
    public required int Steps { get; init; }

    /// <summary>Gets the mean training loss over the epoch's batches.</summary>
    public required double TrainLoss { get; init; }

    /// <summary>Gets the training accuracy over the epoch (with dropout active).</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>Gets the learning rate of the epoch's last step.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Gets the training time in seconds, validation excluded.</summary>
    public required double TrainSeconds { get; init; }

    /// <summary>Gets the validation time in seconds.</summary>
    public required double ValidationSeconds { get; init; }

    /// <summary>Gets the training throughput.</summary>
    public required double SamplesPerSecond { get; init; }

    /// <summary>Gets the real tokens over the padded slots of the epoch's batches (1 for models without padding).</summary>
    public required double PaddingEfficiency { get; init; }

    /// <summary>Gets the validation metrics at the end of the epoch, when there is a validation set.</summary>
    public ClassificationMetrics? Validation { get; init; }

    /// <summary>
    /// Gets the multi-label validation metrics at the end of the epoch (every label at threshold 0.5, uncalibrated),
    /// when the run is multi-label and has a validation set. Not kept in checkpoints.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MultiLabelEvaluation? MultiLabelValidation { get; init; }
}
