using System.Runtime.CompilerServices;

namespace SentimentKit.Text;

/// <summary>
/// An n-gram as up to three unigram ids packed into one <see langword="long"/> (21 bits each, id + 1, 0 where
/// unused), so n-grams are hashed and compared without building strings.
/// </summary>
internal readonly struct NGramKey : IEquatable<NGramKey>
{
    /// <summary>The largest unigram id a key can hold.</summary>
    public const int MaxTokenId = (1 << Bits) - 2;

    private const int Bits = 21;
    private const long Mask = (1L << Bits) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public NGramKey(int first, int second, int third) =>
        Packed = (first + 1L) | ((second + 1L) << Bits) | ((third + 1L) << (2 * Bits));

    public long Packed { get; }

    public int First => (int)(Packed & Mask) - 1;

    public int Second => (int)((Packed >> Bits) & Mask) - 1;

    public int Third => (int)((Packed >> (2 * Bits)) & Mask) - 1;

    public int Length => Third >= 0 ? 3 : Second >= 0 ? 2 : 1;

    public bool Equals(NGramKey other) => Packed == other.Packed;

    public override bool Equals(object? obj) => obj is NGramKey other && Equals(other);

    public override int GetHashCode() => Mix(Packed);

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

    /// <summary>A 64-bit finalizer (from MurmurHash3) so that packed ids spread over all buckets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Mix(long packed)
    {
        unchecked
        {
            var x = (ulong)packed;
            x ^= x >> 33;
            x *= 0xFF51AFD7ED558CCDUL;
            x ^= x >> 33;
            x *= 0xC4CEB9FE1A85EC53UL;
            x ^= x >> 33;
            return (int)x;
        }
    }
}
