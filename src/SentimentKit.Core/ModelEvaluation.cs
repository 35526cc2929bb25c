using SentimentKit.Evaluation;

namespace SentimentKit;

/// <summary>Metrics of a model on labeled examples, with the curves a report draws.</summary>
/// <param name="Metrics">The metrics.</param>
/// <param name="RocCurves">The one-vs-rest ROC curve of every label, by label name.</param>
public sealed record ModelEvaluation(ClassificationMetrics Metrics, IReadOnlyDictionary<string, IReadOnlyList<RocPoint>> RocCurves);
