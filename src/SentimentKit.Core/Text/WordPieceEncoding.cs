namespace SentimentKit.Text;

/// <summary>
/// One text as a BERT model reads it: <c>[CLS]</c>, the word pieces kept, <c>[SEP]</c>; and for
/// each id the word of the text it came from, so that per-piece results can be merged per word.
/// </summary>
/// <param name="Ids">The ids: <c>[CLS]</c>, pieces, <c>[SEP]</c>.</param>
/// <param name="WordIndices">For each id, the index in <paramref name="Words"/> of its word; -1 for <c>[CLS]</c> and <c>[SEP]</c>.</param>
/// <param name="Words">Every word of the text (dropped ones included) with its place in the original text.</param>
/// <param name="PieceCount">The number of pieces of the whole text, before truncation.</param>
public sealed record WordPieceEncoding(int[] Ids, int[] WordIndices, IReadOnlyList<WordSpan> Words, int PieceCount)
{
    /// <summary>Gets a value indicating whether pieces were dropped to fit the token limit.</summary>
    public bool IsTruncated => PieceCount > Ids.Length - 2;
}
