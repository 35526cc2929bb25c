using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;

namespace SentimentKit.Data;

/// <summary>Reads dataset files: whole, gzip-aware, strictly decoded (invalid UTF-8 is an error, never replaced).</summary>
internal static class DataFiles
{
    public static bool IsGzip(ReadOnlySpan<byte> header) => header.Length >= 2 && header[0] == 0x1F && header[1] == 0x8B;

    /// <summary>Reads a file's bytes, decompressed when it is gzip, without the UTF-8 byte order mark.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (IsGzip(bytes))
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            try
            {
                input.CopyTo(output);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(path, null, null, "the gzip data is corrupt: " + e.Message, e);
            }

            bytes = output.ToArray();
        }

        return bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes;
    }

    /// <summary>Decodes UTF-8 strictly; on an invalid sequence reports the 1-based line it is on.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out int badLine)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                text = string.Empty;
                badLine = 1 + bytes[..read].Count((byte)'\n');
                return false;
            }

            text = new string(buffer, 0, written);
            badLine = 0;
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    public static string DecodeOrThrow(ReadOnlySpan<byte> bytes, string file, string? entry = null)
    {
        return TryDecode(bytes, out var text, out var line)
            ? text
            : throw new DataFormatException(file, line, entry, "invalid UTF-8 (the data must be UTF-8 encoded).");
    }
}
