using System.Text;

namespace SentimentKit.Data;

/// <summary>
/// Collects one text's UTF-8 bytes as they stream in, checking them strictly on the way, and makes one string of
/// exactly the right length at the end.
/// </summary>
/// <remarks>
/// Memory is the reason for the shape: bytes go into a buffer that doubles up to 1 MiB and then into 1 MiB chunks,
/// so a text never holds more than its size plus 1 MiB before it is decoded, nothing is copied while it grows, and
/// the string is allocated once with the length counted during the check. Peak memory for a text of n ASCII
/// bytes is about 3n (n of bytes, 2n of UTF-16 string) instead of the many copies of growing a
/// <see cref="MemoryStream"/> or <see cref="StringBuilder"/>. With <c>store</c> off the bytes are only checked and
/// counted (a CSV column nobody asked for).
/// </remarks>
internal sealed class Utf8TextBuffer(bool store = true)
{
    private const int FirstSize = 256;
    private const int ChunkSize = 1 << 20;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Decoder _checker = Strict.GetDecoder();

    // Decoder.GetCharCount does not carry a sequence cut at the end of one piece into the next, so the check decodes
    // (into this scratch space, thrown away) to keep that state.
    private char[] _scratch = [];
    private readonly List<byte[]> _chunks = [];
    private byte[] _head = [];
    private int _headLength;
    private int _lastChunkLength;
    private long _charCount;
    private int _newlines;

    /// <summary>Gets the number of bytes appended.</summary>
    public long Length { get; private set; }

    /// <summary>Gets the 1-based line (within this text) of the first invalid UTF-8 sequence, or 0 when none was seen.</summary>
    public int InvalidLine { get; private set; }

    /// <summary>Gets a value indicating whether the bytes so far are valid UTF-8 (call <see cref="Complete"/> first for the whole text).</summary>
    public bool IsValid => InvalidLine == 0;

    /// <summary>Gets the bytes when they are in one piece; texts over 1 MiB are not.</summary>
    public ReadOnlyMemory<byte> Memory => _chunks.Count == 0
        ? _head.AsMemory(0, _headLength)
        : throw new InvalidOperationException("The text is in chunks.");

    /// <summary>Gets a value indicating whether all bytes fit in one piece (see <see cref="Memory"/>).</summary>
    public bool IsContiguous => _chunks.Count == 0;

    public void Clear()
    {
        // The first buffer (at most 1 MiB) is kept for the next text; chunks of a huge text are left to the collector.
        _chunks.Clear();
        _headLength = 0;
        _lastChunkLength = 0;
        _charCount = 0;
        _newlines = 0;
        Length = 0;
        InvalidLine = 0;
        _checker.Reset();
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (IsValid)
        {
            Check(bytes);
        }

        _newlines += bytes.Count((byte)'\n');
        Length += bytes.Length;
        if (store)
        {
            Store(bytes);
        }
    }

    /// <summary>Ends the text: a sequence cut off at the end is invalid too.</summary>
    public void Complete()
    {
        if (!IsValid)
        {
            return;
        }

        try
        {
            _charCount += _checker.GetChars([], _scratch, flush: true);
        }
        catch (DecoderFallbackException)
        {
            InvalidLine = _newlines + 1;
        }
    }

    /// <summary>Tells whether every byte is one of <paramref name="blanks"/>.</summary>
    public bool ConsistsOf(ReadOnlySpan<byte> blanks)
    {
        if (_head.AsSpan(0, _headLength).ContainsAnyExcept(blanks))
        {
            return false;
        }

        for (var i = 0; i < _chunks.Count; i++)
        {
            if (ChunkSpan(i).ContainsAnyExcept(blanks))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Copies the bytes into one array (for a text over 1 MiB that a parser needs in one piece).</summary>
    public byte[] ToArray()
    {
        var result = new byte[Length];
        _head.AsSpan(0, _headLength).CopyTo(result);
        var at = _headLength;
        for (var i = 0; i < _chunks.Count; i++)
        {
            var chunk = ChunkSpan(i);
            chunk.CopyTo(result.AsSpan(at));
            at += chunk.Length;
        }

        return result;
    }

    /// <summary>Decodes the text; it must be complete and valid.</summary>
    public override string ToString()
    {
        if (!store || !IsValid)
        {
            throw new InvalidOperationException("Only stored, valid UTF-8 text can be decoded.");
        }

        if (_chunks.Count == 0)
        {
            return Encoding.UTF8.GetString(_head, 0, _headLength);
        }

        // The length was counted while checking, so the string is allocated once at its final size.
        return string.Create(checked((int)_charCount), this, static (destination, self) =>
        {
            var decoder = Encoding.UTF8.GetDecoder();
            var written = decoder.GetChars(self._head.AsSpan(0, self._headLength), destination, flush: false);
            for (var i = 0; i < self._chunks.Count; i++)
            {
                written += decoder.GetChars(self.ChunkSpan(i), destination[written..], flush: i == self._chunks.Count - 1);
            }
        });
    }

    private ReadOnlySpan<byte> ChunkSpan(int index) =>
        _chunks[index].AsSpan(0, index == _chunks.Count - 1 ? _lastChunkLength : ChunkSize);

    private void Check(ReadOnlySpan<byte> bytes)
    {
        const int Block = 4096;
        if (_scratch.Length == 0)
        {
            // A block's bytes make at most as many characters, plus two for a sequence carried in from the last block.
            _scratch = new char[Block + 2];
        }

        for (var at = 0; at < bytes.Length; at += Block)
        {
            var block = bytes.Slice(at, Math.Min(Block, bytes.Length - at));
            try
            {
                _charCount += _checker.GetChars(block, _scratch, flush: false);
            }
            catch (DecoderFallbackException e)
            {
                // The index is negative when the bad sequence began in an earlier block.
                InvalidLine = _newlines + 1 + bytes[..Math.Clamp(at + e.Index, 0, bytes.Length)].Count((byte)'\n');
                return;
            }
        }
    }

    private void Store(ReadOnlySpan<byte> bytes)
    {
        if (_chunks.Count == 0)
        {
            var room = ChunkSize - _headLength;
            if (bytes.Length > _head.Length - _headLength && _head.Length < ChunkSize)
            {
                var size = Math.Max(FirstSize, _head.Length);
                while (size < ChunkSize && size - _headLength < bytes.Length)
                {
                    size *= 2;
                }

                Array.Resize(ref _head, Math.Min(size, ChunkSize));
            }

            var take = Math.Min(bytes.Length, Math.Min(room, _head.Length - _headLength));
            bytes[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
            bytes = bytes[take..];
        }

        while (!bytes.IsEmpty)
        {
            if (_chunks.Count == 0 || _lastChunkLength == ChunkSize)
            {
                _chunks.Add(GC.AllocateUninitializedArray<byte>(ChunkSize));
                _lastChunkLength = 0;
            }

            var take = Math.Min(bytes.Length, ChunkSize - _lastChunkLength);
            bytes[..take].CopyTo(_chunks[^1].AsSpan(_lastChunkLength));
            _lastChunkLength += take;
            bytes = bytes[take..];
        }
    }
}
