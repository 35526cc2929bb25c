namespace SentimentKit.Text;

/// <summary>An n-gram as up to three unigram ids (-1 where unused), hashed without building a string.</summary>
internal readonly struct NGramKey(int first, int second, int third) : IEquatable<NGramKey>
{
    public int First { get; } = first;

    public int Second { get; } = second;

    public int Third { get; } = third;

    public int Length => Third >= 0 ? 3 : Second >= 0 ? 2 : 1;

    public bool Equals(NGramKey other) => First == other.First && Second == other.Second && Third == other.Third;

    public override bool Equals(object? obj) => obj is NGramKey other && Equals(other);

    public override int GetHashCode()
    {
        // Cheap multiplicative mixing: the dictionaries hold millions of keys and hashing is the hot spot.
        unchecked
        {
            var h = (uint)First * 0x9E3779B1u;
            h = (h ^ (h >> 15) ^ (uint)Second) * 0x85EBCA77u;
            h = (h ^ (h >> 13) ^ (uint)Third) * 0xC2B2AE3Du;
            return (int)(h ^ (h >> 16));
        }
    }

    public int CompareTo(NGramKey other)
    {
        var c = First.CompareTo(other.First);
        if (c != 0)
        {
            return c;
        }

        c = Second.CompareTo(other.Second);
        return c != 0 ? c : Third.CompareTo(other.Third);
    }
}
