namespace SentimentKit.Text;

/// <summary>Receives the n-grams of a token-id sequence.</summary>
internal interface INGramVisitor
{
    /// <summary>Receives the n-gram of length <see cref="NGramKey.Length"/> that starts at token <paramref name="start"/>.</summary>
    void Visit(int start, NGramKey key);
}

/// <summary>
/// Walks every n-gram of a sequence of token ids — the one walk that fitting (document frequencies), transforming
/// (features) and explaining (feature occurrences) share. At each position it visits the unigram, then the bigram,
/// then the trigram starting there, up to <c>maxLength</c>, stopping at the first unknown token (id &lt; 0): an
/// n-gram never spans a token outside the vocabulary.
/// </summary>
internal static class NGramWalker
{
    public static void Walk<TVisitor>(ReadOnlySpan<int> ids, int maxLength, ref TVisitor visitor)
        where TVisitor : struct, INGramVisitor
    {
        for (var i = 0; i < ids.Length; i++)
        {
            var a = ids[i];
            if (a < 0)
            {
                continue;
            }

            visitor.Visit(i, new NGramKey(a, -1, -1));
            if (maxLength < 2 || i + 1 >= ids.Length || ids[i + 1] < 0)
            {
                continue;
            }

            visitor.Visit(i, new NGramKey(a, ids[i + 1], -1));
            if (maxLength >= 3 && i + 2 < ids.Length && ids[i + 2] >= 0)
            {
                visitor.Visit(i, new NGramKey(a, ids[i + 1], ids[i + 2]));
            }
        }
    }
}
