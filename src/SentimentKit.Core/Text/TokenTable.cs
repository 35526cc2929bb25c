using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SentimentKit.Text;

/// <summary>
/// A read-only open-addressing hash table from token text to id, for the encoding hot path. Token characters
/// are packed in one array and each slot carries the hash, offset and length, so a hit usually touches one
/// slot and one run of characters. The hash is seeded per instance, so crafted inputs cannot target collisions.
/// </summary>
internal sealed class TokenTable
{
    private readonly Slot[] _slots;
    private readonly char[] _chars;
    private readonly int _mask;
    private readonly ulong _seed;

    public TokenTable(IReadOnlyList<string> tokens)
    {
        var capacity = 16;
        while (capacity < tokens.Count * 2)
        {
            capacity <<= 1;
        }

        _slots = new Slot[capacity];
        _mask = capacity - 1;
        _seed = (ulong)Random.Shared.NextInt64() | 1;
        _chars = new char[tokens.Sum(t => t.Length)];
        var offset = 0;
        for (var id = 0; id < tokens.Count; id++)
        {
            var token = tokens[id];
            token.CopyTo(_chars.AsSpan(offset));
            var hash = Hash(token);
            var i = hash & _mask;
            while (_slots[i].IdPlusOne != 0)
            {
                i = (i + 1) & _mask;
            }

            _slots[i] = new Slot(hash, id + 1, offset, token.Length);
            offset += token.Length;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<char> key)
    {
        var hash = Hash(key);
        var slots = _slots;
        var i = hash & _mask;
        while (true)
        {
            ref readonly var slot = ref slots[i];
            if (slot.IdPlusOne == 0)
            {
                return -1;
            }

            if (slot.Hash == hash && slot.Length == key.Length
                && key.SequenceEqual(new ReadOnlySpan<char>(_chars, slot.Offset, slot.Length)))
            {
                return slot.IdPlusOne - 1;
            }

            i = (i + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Hash(ReadOnlySpan<char> key)
    {
        const ulong K = 0x9E3779B97F4A7C15UL;
        var bytes = MemoryMarshal.AsBytes(key);
        var h = _seed ^ ((ulong)bytes.Length * K);
        while (bytes.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * K;
            h ^= h >> 29;
            bytes = bytes[8..];
        }

        // What is left is 0 to 3 UTF-16 characters.
        ulong tail = bytes.Length switch
        {
            0 => 0,
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(bytes) | ((ulong)BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) << 32),
        };
        h = (h ^ tail) * K;

        h ^= h >> 32;
        return (int)h & int.MaxValue;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Slot(int hash, int idPlusOne, int offset, int length)
    {
        public readonly int Hash = hash;
        public readonly int IdPlusOne = idPlusOne;
        public readonly int Offset = offset;
        public readonly int Length = length;
    }
}
