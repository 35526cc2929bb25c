namespace SentimentKit.Data;

/// <summary>
/// Buffered bytes of a text file for the line and record readers: drops a UTF-8 byte order mark and, before the
/// first byte is used, rejects data that is clearly not UTF-8 text (UTF-16, binary) with a message that says so.
/// </summary>
internal sealed class TextInput(Stream stream, string source)
{
    private const int SniffLength = 4096;

    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _ended;
    private bool _started;
    private long _read;

    /// <summary>Gets the bytes read and not yet used.</summary>
    public ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Gets how many bytes of the stream were used so far (a byte order mark included): the offset of the next byte.</summary>
    public long Position => _read - (_end - _start);

    public void Advance(int count) => _start += count;

    /// <summary>Makes more bytes available when all were used; false at the end of the data.</summary>
    public bool Fill()
    {
        if (_start < _end)
        {
            return true;
        }

        if (_ended)
        {
            return false;
        }

        _start = _end = 0;
        var wanted = _started ? 1 : SniffLength;
        while (_end < wanted)
        {
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _ended = true;
                break;
            }

            _end += read;
            _read += read;
        }

        if (!_started)
        {
            _started = true;
            DataFiles.CheckLooksLikeUtf8Text(Available, source);
            if (Available.StartsWith("\uFEFF"u8))
            {
                _start += 3;
            }
        }

        return _start < _end;
    }
}
