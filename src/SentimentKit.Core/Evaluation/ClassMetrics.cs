namespace SentimentKit.Evaluation;

/// <summary>Precision, recall, F1 and support of one class.</summary>
/// <param name="Label">The class name.</param>
/// <param name="Precision">Correct predictions of the class over all predictions of it; 0 when it was never predicted.</param>
/// <param name="Recall">Correct predictions of the class over its true examples; 0 when it has none.</param>
/// <param name="F1">The harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">The number of true examples of the class.</param>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);
