using System.Runtime.CompilerServices;

namespace SentimentKit.Text;

/// <summary>
/// A read-only open-addressing table from packed n-gram keys to feature ids. Each slot holds the key and the
/// id together, so a lookup usually costs one cache miss; transforming is dominated by these lookups.
/// </summary>
internal sealed class NGramTable
{
    private readonly Slot[] _slots;
    private readonly int _mask;

    public NGramTable(IReadOnlyList<NGramKey> keys)
    {
        var capacity = 16;
        while (capacity < keys.Count * 2)
        {
            capacity <<= 1;
        }

        _slots = new Slot[capacity];
        _mask = capacity - 1;
        for (var id = 0; id < keys.Count; id++)
        {
            var packed = keys[id].Packed;
            var i = NGramKey.Mix(packed) & _mask;
            while (_slots[i].Key != 0)
            {
                i = (i + 1) & _mask;
            }

            _slots[i] = new Slot { Key = packed, Id = id };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(NGramKey key)
    {
        var packed = key.Packed;
        var slots = _slots;
        var i = NGramKey.Mix(packed) & _mask;
        while (true)
        {
            ref readonly var slot = ref slots[i];
            if (slot.Key == packed)
            {
                return slot.Id;
            }

            if (slot.Key == 0)
            {
                return -1;
            }

            i = (i + 1) & _mask;
        }
    }

    private struct Slot
    {
        public long Key;
        public int Id;
    }
}
