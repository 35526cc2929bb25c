namespace SentimentKit.Evaluation;

/// <summary>One confidence bin of a reliability diagram.</summary>
/// <param name="Lower">The bin's lower edge (exclusive, except 0 for the first bin).</param>
/// <param name="Upper">The bin's upper edge (inclusive).</param>
/// <param name="Count">The number of predictions whose confidence falls in the bin.</param>
/// <param name="Accuracy">The fraction of those predictions that were right; 0 for an empty bin.</param>
/// <param name="Confidence">The mean confidence of those predictions; 0 for an empty bin.</param>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double Accuracy, double Confidence);
