namespace SentimentKit;

/// <summary>A prediction: the most probable label, its probability, and the probability of every label.</summary>
/// <param name="Label">The most probable label.</param>
/// <param name="Confidence">The probability of <paramref name="Label"/> (calibrated when the model is).</param>
/// <param name="Probabilities">The probability of every label, in the model's label order.</param>
public sealed record SentimentPrediction(string Label, double Confidence, IReadOnlyDictionary<string, double> Probabilities);
