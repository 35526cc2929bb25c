namespace SentimentKit.Sequences;

/// <summary>
/// A random source per (seed, epoch). System.Random with a seed is reproducible across runtimes,
/// and mixing the two numbers keeps the epochs of one seed, and the seeds, apart.
/// </summary>
internal static class EpochRandom
{
    public static Random Create(int seed, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var mixed = Mix(((ulong)(uint)seed << 32) | (uint)epoch);
        return new Random((int)(mixed & int.MaxValue));
    }

    public static void Shuffle<T>(Random random, T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    public static int[] Permutation(Random random, int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Shuffle(random, order);
        return order;
    }

    // A 64-bit finalizer (the xor-shift-multiply shape used by hash tables and splittable generators):
    // nearby inputs such as consecutive epochs land far apart.
    private static ulong Mix(ulong value)
    {
        unchecked
        {
            value += 0x9E3779B97F4A7C15UL;
            value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
            value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
            return value ^ (value >> 31);
        }
    }
}
