namespace SentimentKit.Text;

/// <summary>
/// Pretrained word vectors aligned to a vocabulary: row <c>i</c> of <see cref="Matrix"/> is the vector of token
/// id <c>i</c>. The padding row is all zeros; rows of words the file lacks hold small seeded random values.
/// </summary>
public sealed class AlignedWordVectors
{
    internal AlignedWordVectors(float[,] matrix, int foundCount)
    {
        Matrix = matrix;
        FoundCount = foundCount;
    }

    /// <summary>Gets the matrix: rows = vocabulary size, columns = <see cref="Dimension"/>.</summary>
#pragma warning disable CA1819 // The matrix is handed to an embedding layer as is; copying it would double its memory.
    public float[,] Matrix { get; }
#pragma warning restore CA1819

    /// <summary>Gets the dimension of the vectors.</summary>
    public int Dimension => Matrix.GetLength(1);

    /// <summary>Gets the number of rows (the vocabulary size).</summary>
    public int VocabularySize => Matrix.GetLength(0);

    /// <summary>Gets the number of vocabulary entries that got a vector from the file.</summary>
    public int FoundCount { get; }

    /// <summary>Gets the share of vocabulary entries (specials included) that got a vector from the file.</summary>
    public double Coverage => VocabularySize == 0 ? 0 : (double)FoundCount / VocabularySize;
}
