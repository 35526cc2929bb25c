namespace SentimentKit.Onnx;

/// <summary>Cuts an id sequence to a token limit: the one implementation behind both runtimes.</summary>
internal static class IdTruncation
{
    /// <summary>Keeps at most <paramref name="maxTokens"/> ids; a sequence that fits is returned as it is (not copied).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokens"/> is below 1 or the strategy is unknown.</exception>
    public static int[] Truncate(int[] ids, int maxTokens, TokenTruncation strategy)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        if (ids.Length <= maxTokens)
        {
            return ids;
        }

        var head = strategy switch
        {
            TokenTruncation.Head => maxTokens,
            TokenTruncation.Tail => 0,
            TokenTruncation.HeadAndTail => maxTokens / 4,
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown truncation strategy."),
        };
        var kept = new int[maxTokens];
        Array.Copy(ids, 0, kept, 0, head);
        Array.Copy(ids, ids.Length - (maxTokens - head), kept, head, maxTokens - head);
        return kept;
    }
}
