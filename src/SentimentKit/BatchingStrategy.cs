namespace SentimentKit;

/// <summary>How training examples are grouped into batches each epoch.</summary>
public enum BatchingStrategy
{
    /// <summary>Examples of similar length together (sorted inside large shuffled pools), batch order shuffled: far less padding.</summary>
    LengthBucketed = 0,

    /// <summary>A plain shuffle of all examples each epoch, cut into consecutive batches.</summary>
    Shuffled = 1,
}
