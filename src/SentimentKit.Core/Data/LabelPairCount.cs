namespace SentimentKit.Data;

/// <summary>How many examples carry two labels together.</summary>
/// <param name="First">The label that comes first in ordinal order.</param>
/// <param name="Second">The other label.</param>
/// <param name="Count">The number of examples whose label set holds both.</param>
public sealed record LabelPairCount(string First, string Second, int Count);
