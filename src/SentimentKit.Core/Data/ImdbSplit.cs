namespace SentimentKit.Data;

/// <summary>The part of the IMDB dataset to load.</summary>
public enum ImdbSplit
{
    /// <summary>The training reviews (<c>train/pos</c>, <c>train/neg</c>).</summary>
    Train,

    /// <summary>The test reviews (<c>test/pos</c>, <c>test/neg</c>).</summary>
    Test,
}
