using SentimentKit.Evaluation;
using SentimentKit.Training;

namespace SentimentKit;

/// <summary>What <see cref="SentimentTrainer"/> did: data, device, timings, the epoch history and calibration.</summary>
public sealed record TrainingReport
{
    /// <summary>Gets the kind of model trained.</summary>
    public required ModelKind Model { get; init; }

    /// <summary>Gets the device, described.</summary>
    public required string Device { get; init; }

    /// <summary>Gets the number of training examples (after holding out validation).</summary>
    public required int TrainCount { get; init; }

    /// <summary>Gets the number of validation examples.</summary>
    public required int ValidationCount { get; init; }

    /// <summary>Gets the vocabulary size (RNN models) or the number of n-gram features (n-gram model).</summary>
    public required int FeatureCount { get; init; }

    /// <summary>Gets the fraction of training tokens outside the vocabulary (RNN models; 0 for the n-gram model).</summary>
    public required double OutOfVocabularyRate { get; init; }

    /// <summary>Gets the seconds spent normalizing, tokenizing and building the vocabulary or features.</summary>
    public required double PreparationSeconds { get; init; }

    /// <summary>Gets the seconds spent training (validation included).</summary>
    public required double TrainingSeconds { get; init; }

    /// <summary>Gets the epoch-by-epoch history.</summary>
    public required TrainingHistory History { get; init; }

    /// <summary>
    /// Gets the learning-rate range test run before training (<see cref="SentimentTrainerOptions.LearningRateFinder"/>),
    /// or <see langword="null"/> when none ran; training used its <see cref="LearningRateFinderResult.Suggested"/> rate where it has one.
    /// </summary>
    public LearningRateFinderResult? LearningRateRangeTest { get; init; }

    /// <summary>Gets the temperature scaling fitted on the validation set, when calibration ran and was kept.</summary>
    public TemperatureScaling? Calibration { get; init; }

    /// <summary>
    /// Gets why calibration was asked for but not applied — too few validation examples, or a temperature that did not
    /// lower the validation log loss — or <see langword="null"/>.
    /// </summary>
    public string? CalibrationSkipped { get; init; }

    /// <summary>Gets whether the model was trained single- or multi-label (decided by the data: label sets are multi-label).</summary>
    /// <value>The default value is <see cref="ClassificationTask.SingleLabel"/>.</value>
    public ClassificationTask Task { get; init; } = ClassificationTask.SingleLabel;

    /// <summary>
    /// Gets, for a multi-label model, the metrics on the validation split with the final weights, per-label calibration
    /// and the tuned thresholds — what the model file keeps — or <see langword="null"/>.
    /// </summary>
    public MultiLabelEvaluation? MultiLabelValidation { get; init; }

    /// <summary>
    /// Gets, for a multi-label model, the metrics on the validation split at threshold 0.5 for every label (calibrated
    /// like <see cref="MultiLabelValidation"/>): what tuning the thresholds gained; <see langword="null"/> otherwise.
    /// </summary>
    public MultiLabelEvaluation? MultiLabelValidationAtHalf { get; init; }

    /// <summary>
    /// Gets, for a multi-label model, the labels whose Platt scaling was kept (it lowered that label's validation log
    /// loss); <see langword="null"/> for a single-label model or when calibration did not run.
    /// </summary>
    public IReadOnlyList<string>? CalibratedLabels { get; init; }
}
