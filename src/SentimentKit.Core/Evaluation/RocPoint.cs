namespace SentimentKit.Evaluation;

/// <summary>One point of a receiver operating characteristic curve.</summary>
/// <param name="FalsePositiveRate">The false-positive rate at the threshold.</param>
/// <param name="TruePositiveRate">The true-positive rate at the threshold.</param>
/// <param name="Threshold">The score at or above which an example counts as positive.</param>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
