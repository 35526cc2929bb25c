namespace SentimentKit.Evaluation;

/// <summary>
/// Metrics of a classifier on a labeled set. Every figure is a defined number, never NaN: a class
/// never predicted has precision 0, a class without examples has recall 0, and ROC-AUC is 0.5
/// where it cannot be computed (no class has both positive and negative examples).
/// </summary>
public sealed record ClassificationMetrics
{
    /// <summary>Gets the number of examples.</summary>
    public required int Count { get; init; }

    /// <summary>Gets the fraction of examples whose most probable class is the true one.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Gets the unweighted mean of the per-class F1 scores (every class of the label set counts).</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Gets F1 over all decisions pooled; for single-label classification it equals <see cref="Accuracy"/>.</summary>
    public required double MicroF1 { get; init; }

    /// <summary>Gets the mean of the per-class F1 scores weighted by support.</summary>
    public required double WeightedF1 { get; init; }

    /// <summary>Gets precision, recall, F1 and support per class, in label-set order.</summary>
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }

    /// <summary>Gets the confusion matrix: <c>[true class][predicted class]</c> counts.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }

    /// <summary>
    /// Gets the ROC-AUC: for two classes that of class 1 against class 0; for more, the mean of
    /// one-vs-rest AUCs over the classes that have both positive and negative examples.
    /// </summary>
    public required double RocAuc { get; init; }

    /// <summary>Gets the mean negative log-probability of the true class (probabilities clipped at 1e-15).</summary>
    public required double LogLoss { get; init; }

    /// <summary>
    /// Gets the Brier score: the mean over examples of the squared distance between the probability
    /// vector and the one-hot truth, summed over classes (for two classes, twice scikit-learn's
    /// <c>brier_score_loss</c>).
    /// </summary>
    public required double BrierScore { get; init; }

    /// <summary>Gets the expected calibration error over <see cref="CalibrationBins"/>.</summary>
    public required double ExpectedCalibrationError { get; init; }

    /// <summary>Gets the equal-width confidence bins (15 by default) behind <see cref="ExpectedCalibrationError"/>.</summary>
    public required IReadOnlyList<CalibrationBin> CalibrationBins { get; init; }
}
