namespace SentimentKit.Sequences;

/// <summary>Which tokens of a sequence longer than the token limit are kept.</summary>
public enum TruncationStrategy
{
    /// <summary>Keep the first tokens.</summary>
    Head,

    /// <summary>Keep the last tokens.</summary>
    Tail,

    /// <summary>
    /// Keep the start and the end and drop the middle: a quarter of the limit (rounded down) from
    /// the start and the rest from the end. Reviews tend to state their verdict in the first and
    /// the last sentences, and the conclusion is the stronger signal, so the end gets the larger
    /// share (the split that worked best for long IMDB reviews in Sun et al., 2019).
    /// </summary>
    HeadAndTail,
}
