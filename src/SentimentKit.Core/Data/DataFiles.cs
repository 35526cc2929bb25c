using System.Globalization;

namespace SentimentKit.Data;

/// <summary>
/// Opens dataset files as streams — gzip decompressed and checked, never read whole into memory — and turns the
/// ways opening and reading fail into one-line <see cref="DataFormatException"/> or
/// <see cref="FileNotFoundException"/> messages.
/// </summary>
internal static class DataFiles
{
    public static bool IsGzip(ReadOnlySpan<byte> header) => header.Length >= 2 && header[0] == 0x1F && header[1] == 0x8B;

    /// <summary>
    /// Reads a one-file dataset: opens it, decompresses gzip, hands the content to <paramref name="read"/> and
    /// then checks the rest of the gzip data, so that a load succeeds whole or fails.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="formatName">The format's name for the message about a folder, such as <c>CSV</c>.</param>
    /// <param name="options">The settings (the decompressed size limit).</param>
    /// <param name="read">Reads the content.</param>
    public static T Read<T>(string path, string formatName, DataLoadOptions options, Func<Stream, T> read)
    {
        using var file = OpenFile(path, formatName);
        return Guard(path, () => ReadContent(file, path, options, read));
    }

    /// <summary>
    /// Hands the content of a stream (see <see cref="Decompress"/>) to <paramref name="read"/>, then reads the rest
    /// of gzip data to check every trailer: a reader may stop early (a tar reader at its end-of-archive blocks).
    /// </summary>
    public static T ReadContent<T>(Stream raw, string source, DataLoadOptions options, Func<Stream, T> read)
    {
        using var content = Decompress(raw, source, options, out var gzip);
        T result;
        try
        {
            result = read(content);
        }
        catch (DataFormatException) when (gzip is { Failed: false })
        {
            // Garbage from a damaged gzip member reaches the reader first; the gzip check names the real cause.
            gzip.ReadToEndAndCheck();
            throw;
        }

        gzip?.ReadToEndAndCheck();
        return result;
    }

    /// <summary>Opens a file for reading; a folder, a missing file or a refused one gives a one-line error.</summary>
    /// <param name="path">The file.</param>
    /// <param name="formatName">The format's name for the message about a folder; <see langword="null"/> where a folder is no mistake of format.</param>
    public static FileStream OpenFile(string path, string? formatName)
    {
        if (formatName is not null && Directory.Exists(path))
        {
            throw new DataFormatException($"'{path}' is a folder; {formatName} data is one file (only the IMDB layout is read from a folder).");
        }

        return Guard(path, () =>
        {
            try
            {
                // The readers buffer for themselves.
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new FileNotFoundException($"'{path}' does not exist.", path, e);
            }
        });
    }

    /// <summary>
    /// Runs a read of <paramref name="path"/>, turning input/output failures into a one-line
    /// <see cref="DataFormatException"/> (a missing file stays a <see cref="FileNotFoundException"/>).
    /// </summary>
    public static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataFormatException(path, null, null, "cannot be read: permission denied.", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new DataFormatException(path, null, null, "cannot be read: " + e.Message, e);
        }
    }

    /// <summary>
    /// Gives the content of a stream: through a checking gzip decompressor when it starts with the gzip signature,
    /// else as it is.
    /// </summary>
    /// <param name="raw">The stream as stored.</param>
    /// <param name="source">The name used in messages.</param>
    /// <param name="options">The settings (the decompressed size limit).</param>
    /// <param name="gzip">The decompressor, when the data is gzip; reading it to its end checks every trailer.</param>
    /// <exception cref="DataFormatException">The stream is empty.</exception>
    private static Stream Decompress(Stream raw, string source, DataLoadOptions options, out CheckedGZipStream? gzip)
    {
        var magic = new byte[2];
        var peeked = raw.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        if (peeked == 0)
        {
            throw new DataFormatException(source, null, null, "the file is empty.");
        }

        // A stream cannot un-read, so the peeked bytes go back in front of the rest.
        Stream content = new PrefixedStream(magic[..peeked], raw);
        gzip = IsGzip(magic.AsSpan(0, peeked)) ? new CheckedGZipStream(content, source, options.MaxDecompressedBytes) : null;
        return gzip ?? content;
    }

    /// <summary>
    /// Rejects the start of a text file that cannot be UTF-8 text: a UTF-16 byte order mark, the zero bytes that
    /// UTF-16 puts beside every ASCII character, or many zero bytes (binary data, such as <c>/dev/zero</c>).
    /// </summary>
    public static void CheckLooksLikeUtf8Text(ReadOnlySpan<byte> head, string source)
    {
        string? encoding = head switch
        {
            [0xFF, 0xFE, ..] => "UTF-16LE",
            [0xFE, 0xFF, ..] => "UTF-16BE",
            _ => null,
        };
        int even = 0, odd = 0;
        for (var i = 0; i < head.Length; i++)
        {
            if (head[i] == 0)
            {
                if (i % 2 == 0)
                {
                    even++;
                }
                else
                {
                    odd++;
                }
            }
        }

        // ASCII in UTF-16 is one zero byte per character, on the odd bytes (little-endian) or the even ones.
        var pairs = head.Length / 2;
        if (odd >= pairs / 4 && odd > 3 * even)
        {
            encoding ??= "UTF-16LE";
        }
        else if (even >= pairs / 4 && even > 3 * odd)
        {
            encoding ??= "UTF-16BE";
        }

        if (encoding is not null)
        {
            throw new DataFormatException(source, null, null, $"the file looks like {encoding} text, not UTF-8; convert it first, for example with: iconv -f {encoding} -t UTF-8 INPUT > OUTPUT");
        }

        if ((even + odd) * 8 >= head.Length && even + odd > 0)
        {
            throw new DataFormatException(source, null, null, "the file holds zero (NUL) bytes: it looks like binary data, not UTF-8 text.");
        }
    }

    public static DataFormatException InvalidUtf8(string source, int? line, string? entry = null) =>
        new(source, line, entry, "invalid UTF-8 (the data must be UTF-8 encoded).");

    /// <summary>The error for a text over <see cref="DataLoadOptions.MaxTextBytes"/>, naming the limit and how to raise it.</summary>
    public static DataFormatException TooLong(string source, int? line, string? entry, string what, long limit) =>
        new(source, line, entry, string.Create(
            CultureInfo.InvariantCulture,
            $"{what} is longer than {limit} bytes, the MaxTextBytes limit; raise MaxTextBytes to load it."));
}
