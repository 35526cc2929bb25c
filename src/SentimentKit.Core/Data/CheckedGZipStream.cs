using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace SentimentKit.Data;

/// <summary>
/// Decompresses gzip (RFC 1952, one member or several concatenated) and checks every member's trailer — the
/// CRC-32 and the size of the decompressed bytes — failing with a <see cref="DataFormatException"/> when the data
/// is corrupt, truncated or larger than a limit. Zero bytes after the last member (tape padding) are accepted;
/// anything else there is an error.
/// </summary>
/// <remarks>
/// <see cref="GZipStream"/> returns end-of-stream quietly when its input stops before a member's trailer, and it
/// checks a trailer only when read to the end; it also reports a bad checksum as an "unsupported compression
/// method". So the gzip framing is parsed here and only the raw deflate data goes through <see cref="DeflateStream"/>.
/// A <see cref="DeflateStream"/> asks for more input only after using all it has, so when it ends, the end of the
/// deflate data lies in the last block it was given: the trailer is found there as the eight bytes that equal the
/// CRC-32 and size computed over the output (any other eight bytes matching them is a 2^-64 chance).
/// </remarks>
internal sealed class CheckedGZipStream : ReadOnlyStream
{
    private const int BufferSize = 1 << 16;
    private const int FeedSize = 1 << 13;

    private readonly Stream _input;
    private readonly string _source;
    private readonly long _maxBytes;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _inputEnded;
    private int _fedStart;
    private bool _feedEnded;
    private DeflateStream? _deflate;
    private Crc32 _crc;
    private long _memberBytes;
    private long _memberOffset;
    private int _members;
    private long _total;
    private bool _finished;

    public CheckedGZipStream(Stream input, string source, long maxDecompressedBytes)
    {
        _input = input;
        _source = source;
        _maxBytes = maxDecompressedBytes;
    }

    /// <summary>Gets a value indicating whether this stream has reported the data as corrupt or too large.</summary>
    public bool Failed { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        if (Failed)
        {
            throw new InvalidOperationException("The gzip data was already reported as bad.");
        }

        try
        {
            return ReadChecked(buffer);
        }
        catch (DataFormatException)
        {
            Failed = true;
            throw;
        }
    }

    /// <summary>Reads and checks the rest of the data, so that every trailer is checked even when the caller stopped early.</summary>
    public void ReadToEndAndCheck()
    {
        var scratch = new byte[FeedSize];
        while (Read(scratch) > 0)
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _deflate?.Dispose();
        }

        base.Dispose(disposing);
    }

    private int ReadChecked(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_finished)
        {
            if (_deflate is null && !StartMember())
            {
                _finished = true;
                break;
            }

            int read;
            try
            {
                read = _deflate!.Read(buffer);
            }
            catch (InvalidDataException e) when (_feedEnded)
            {
                throw EndsInsideDeflate(e);
            }
            catch (InvalidDataException e)
            {
                throw Corrupt($"the gzip data is corrupt: the compressed data of the member at byte {Offset(_memberOffset)} cannot be decoded.", e);
            }

            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                _memberBytes += read;
                _total += read;
                if (_total > _maxBytes)
                {
                    throw Corrupt(string.Create(
                        CultureInfo.InvariantCulture,
                        $"the gzip data decompresses to more than {_maxBytes} bytes, the MaxDecompressedBytes limit; raise MaxDecompressedBytes to load it."));
                }

                return read;
            }

            EndMember();
        }

        return 0;
    }

    private static string Offset(long offset) => offset.ToString(CultureInfo.InvariantCulture);

    private DataFormatException Corrupt(string reason, Exception? inner = null) => new(_source, null, null, reason, inner);

    /// <summary>Parses a member header; false at the end of the data (after at least one member).</summary>
    private bool StartMember()
    {
        _memberOffset = _bufferOffset + _start;
        if (!Ensure(1))
        {
            return _members > 0 ? false : throw Corrupt("the gzip data is empty.");
        }

        if (_members > 0 && _buffer[_start] != 0x1F)
        {
            CheckPaddingToEnd();
            return false;
        }

        if (!Ensure(10))
        {
            throw Corrupt($"the gzip data is corrupt: the file ends inside the header of the member at byte {Offset(_memberOffset)}.");
        }

        var header = _buffer.AsSpan(_start, 10);
        if (header[0] != 0x1F || header[1] != 0x8B)
        {
            throw Corrupt($"bytes {Offset(_memberOffset)}-{Offset(_memberOffset + 1)} are not the gzip signature.");
        }

        if (header[2] != 8)
        {
            throw Corrupt($"the gzip member at byte {Offset(_memberOffset)} uses compression method {header[2]}; only deflate (8) exists.");
        }

        var flags = header[3];
        if ((flags & 0xE0) != 0)
        {
            throw Corrupt($"the gzip member at byte {Offset(_memberOffset)} has reserved header flags set.");
        }

        _start += 10;
        if ((flags & 0x04) != 0)
        {
            if (!Ensure(2))
            {
                throw Truncated();
            }

            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_start, 2));
            _start += 2;
            Skip(extraLength);
        }

        if ((flags & 0x08) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 0x10) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 0x02) != 0)
        {
            Skip(2);
        }

        _members++;
        _crc = new Crc32();
        _memberBytes = 0;
        _feedEnded = false;
        _fedStart = _start;
        _deflate = new DeflateStream(new Feed(this), CompressionMode.Decompress, leaveOpen: false);
        return true;
    }

    private void EndMember()
    {
        if (_feedEnded)
        {
            throw EndsInsideDeflate();
        }

        // The deflate data ended in the last block fed to it, which ends at _start; the buffer before _start holds the
        // compressed bytes read before it, so one block more is searched in case the decoder ever reads one block ahead.
        Span<byte> expected = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], unchecked((uint)_memberBytes));
        var searchFrom = Math.Max(0, _fedStart - FeedSize);
        if (_end - _start < 8 && !_inputEnded)
        {
            searchFrom -= Compact(searchFrom);
            FillUntil(_start + 8);
        }

        var window = _buffer.AsSpan(searchFrom, Math.Min(_end, _start + 8) - searchFrom);
        var at = window.IndexOf(expected);
        if (at < 0)
        {
            throw Corrupt(string.Create(
                CultureInfo.InvariantCulture,
                $"the gzip data is corrupt or truncated: the member at byte {_memberOffset} decompresses to {_memberBytes} bytes with CRC-32 {_crc.Value:x8}, which its trailer does not confirm."));
        }

        _start = searchFrom + at + 8;
        _deflate!.Dispose();
        _deflate = null;
    }

    private void CheckPaddingToEnd()
    {
        var offset = _bufferOffset + _start;
        while (Ensure(1))
        {
            var rest = _buffer.AsSpan(_start, _end - _start);
            var nonZero = rest.IndexOfAnyExcept((byte)0);
            if (nonZero >= 0)
            {
                throw Corrupt($"unexpected data at byte {Offset(_bufferOffset + _start + nonZero)}, after the gzip data that ends at byte {Offset(offset)}.");
            }

            _start = _end;
        }
    }

    private DataFormatException EndsInsideDeflate(Exception? inner = null) =>
        Corrupt($"the gzip data is corrupt: the file ends inside the compressed data of the member at byte {Offset(_memberOffset)} (it was cut short).", inner);

    private DataFormatException Truncated() => Corrupt($"the gzip data is corrupt: the file ends inside the header of the member at byte {Offset(_memberOffset)}.");

    private void Skip(int count)
    {
        while (count > 0)
        {
            if (!Ensure(1))
            {
                throw Truncated();
            }

            var n = Math.Min(count, _end - _start);
            _start += n;
            count -= n;
        }
    }

    private void SkipZeroTerminated()
    {
        while (true)
        {
            if (!Ensure(1))
            {
                throw Truncated();
            }

            var zero = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)0);
            if (zero >= 0)
            {
                _start += zero + 1;
                return;
            }

            _start = _end;
        }
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available; false when the input ends first.</summary>
    private bool Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        Compact(_start);
        FillUntil(count);
        return _end - _start >= count;
    }

    /// <summary>Moves the bytes from <paramref name="keepFrom"/> to the front of the buffer; returns how far they moved.</summary>
    private int Compact(int keepFrom)
    {
        if (keepFrom == 0)
        {
            return 0;
        }

        _buffer.AsSpan(keepFrom, _end - keepFrom).CopyTo(_buffer);
        _bufferOffset += keepFrom;
        _start -= keepFrom;
        _end -= keepFrom;
        _fedStart = Math.Max(0, _fedStart - keepFrom);
        return keepFrom;
    }

    private void FillUntil(int end)
    {
        end = Math.Min(end, _buffer.Length);
        while (_end < end && !_inputEnded)
        {
            var n = _input.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _inputEnded = true;
            }

            _end += n;
        }
    }

    /// <summary>Gives the deflate decoder the compressed bytes, at most one small block at a time, remembering where the last began.</summary>
    private int FeedDeflate(Span<byte> destination)
    {
        if (_start == _end)
        {
            _bufferOffset += _end;
            _start = _end = 0;
            FillUntil(1);
            if (_start == _end)
            {
                _feedEnded = true;
                return 0;
            }
        }

        var n = Math.Min(Math.Min(destination.Length, FeedSize), _end - _start);
        _buffer.AsSpan(_start, n).CopyTo(destination);
        _fedStart = _start;
        _start += n;
        return n;
    }

    private sealed class Feed(CheckedGZipStream owner) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer) => owner.FeedDeflate(buffer);
    }
}
