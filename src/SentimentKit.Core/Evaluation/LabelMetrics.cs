namespace SentimentKit.Evaluation;

/// <summary>The metrics of one label of a multi-label classifier, scored as its own yes/no decision.</summary>
/// <param name="Label">The label name.</param>
/// <param name="Precision">True positives over predicted positives; 0 when the label was never predicted (scikit-learn's <c>zero_division=0</c>).</param>
/// <param name="Recall">True positives over true positives and false negatives; 0 when no example has the label.</param>
/// <param name="F1">2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall; 0 when the label is neither true nor predicted anywhere.</param>
/// <param name="Support">The number of examples that truly have the label.</param>
/// <param name="RocAuc">The area under the ROC curve of the label's probability; <see langword="null"/> when the truth has only one class for it (every example has it, or none does).</param>
/// <param name="Threshold">The probability at or above which the label was predicted.</param>
public sealed record LabelMetrics(string Label, double Precision, double Recall, double F1, int Support, double? RocAuc, float Threshold);
