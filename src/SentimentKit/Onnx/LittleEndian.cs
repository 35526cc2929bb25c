using System.Numerics;
using System.Runtime.InteropServices;

namespace SentimentKit.Onnx;

/// <summary>
/// Converts between arrays of fixed-size numbers and the little-endian bytes that ONNX <c>raw_data</c> and
/// TorchSharp state dicts hold: one block copy on little-endian machines.
/// </summary>
internal static class LittleEndian
{
    /// <summary>Decodes little-endian bytes; their length must be a multiple of the element size.</summary>
    public static T[] ToArray<T>(ReadOnlySpan<byte> bytes)
        where T : unmanaged
    {
        var values = MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            Reverse(MemoryMarshal.AsBytes(values.AsSpan()), Marshal.SizeOf<T>());
        }

        return values;
    }

    /// <summary>Encodes values as little-endian bytes.</summary>
    public static byte[] ToBytes<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            Reverse(bytes, Marshal.SizeOf<T>());
        }

        return bytes;
    }

    /// <summary>Decodes little-endian floating-point values of any width as float32.</summary>
    public static float[] ToFloats<T>(ReadOnlySpan<byte> bytes)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Array.ConvertAll(ToArray<T>(bytes), float.CreateTruncating);

    /// <summary>Decodes little-endian bfloat16 values (the upper halves of float32 bit patterns) as float32.</summary>
    public static float[] BFloat16ToFloats(ReadOnlySpan<byte> bytes) =>
        Array.ConvertAll(ToArray<ushort>(bytes), v => BitConverter.Int32BitsToSingle(v << 16));

    /// <summary>Decodes little-endian integers of any width as int64 (unsigned 64-bit ones reinterpreted).</summary>
    public static long[] ToInt64s<T>(ReadOnlySpan<byte> bytes)
        where T : unmanaged, IBinaryInteger<T> =>
        Array.ConvertAll(ToArray<T>(bytes), long.CreateTruncating);

    private static void Reverse(Span<byte> bytes, int size)
    {
        for (var i = 0; i + size <= bytes.Length; i += size)
        {
            bytes.Slice(i, size).Reverse();
        }
    }
}
