namespace SentimentKit.Text;

/// <summary>
/// One document as sparse weighted features: feature ids (for example n-gram ids) and their
/// weights (for example TF-IDF), of equal length. This is what the bag-of-n-grams baseline reads.
/// </summary>
/// <param name="Ids">The feature ids, each in <c>[0, featureCount)</c>.</param>
/// <param name="Weights">The weight of each id; the same length as <paramref name="Ids"/>.</param>
public readonly record struct SparseDocument(int[] Ids, float[] Weights)
{
    /// <summary>Gets the number of non-zero features.</summary>
    public int Count => Ids?.Length ?? 0;
}
