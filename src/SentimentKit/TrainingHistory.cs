using SentimentKit.Evaluation;
namespace SentimentKit;

/// <summary>What a training run did, epoch by epoch, and where it ended.</summary>
public sealed record TrainingHistory
{
    /// <summary>Gets one summary per completed epoch, including those done before a resume.</summary>
    public required IReadOnlyList<EpochSummary> Epochs { get; init; }

    /// <summary>Gets the epoch whose weights the model holds at the end (the best validation's when restored), or the last epoch.</summary>
    public required int FinalEpoch { get; init; }

    /// <summary>Gets the epoch of the best validation figure, when there was validation.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Gets the best validation figure (of <see cref="TrainerOptions.EarlyStoppingMetric"/>), when there was validation.</summary>
    public double? BestValue { get; init; }

    /// <summary>Gets a value indicating whether early stopping ended the run before its last epoch.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Gets the epoch the run resumed after, when it resumed from a checkpoint.</summary>
    public int? ResumedAfterEpoch { get; init; }

    /// <summary>Gets the validation metrics of the final weights, when there was validation.</summary>
    public ClassificationMetrics? FinalValidation { get; init; }

    /// <summary>Gets the multi-label validation metrics of the final weights (threshold 0.5, uncalibrated), when the run was multi-label and had validation.</summary>
    public MultiLabelEvaluation? FinalMultiLabelValidation { get; init; }

    /// <summary>Gets the wall time of this call, in seconds.</summary>
    public required double TotalSeconds { get; init; }
}
