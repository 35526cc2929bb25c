namespace SentimentKit.Families.NGrams;

/// <summary>The manifest section of an n-gram model.</summary>
/// <param name="FeatureCount">The number of n-gram features, which ngrams.json and weights.bin must agree with.</param>
internal sealed record NGramSection(int FeatureCount);
