using System.Text;

namespace SentimentKit.Data;

/// <summary>
/// Reads delimited text one field at a time from a stream: RFC 4180 quoting (quoted fields, doubled quotes, line
/// breaks inside quotes) when <c>quoting</c> is on, none when it is off (IANA text/tab-separated-values); records
/// end at CRLF, LF or CR. Fields go into a <see cref="Utf8TextBuffer"/>, so memory follows the longest field, not
/// the file. A reader may start at any record boundary of a file (<c>firstLine</c> then numbers its lines), which is
/// how batch scoring reads one byte range of a file.
/// </summary>
internal sealed class DelimitedFieldReader(TextInput input, string source, byte delimiter, bool quoting, int maxFieldBytes, int firstLine = 1)
{
    private const byte Quote = (byte)'"';

    private readonly Utf8TextBuffer _skipped = new(store: false);
    private bool _atRecordStart = true;
    private bool _afterCarriageReturn;

    /// <summary>Gets the 1-based line the reader is on (where the next record starts, between records).</summary>
    public int Line { get; private set; } = firstLine;

    /// <summary>Gets the line where the current (or last) record began.</summary>
    public int RecordLine { get; private set; } = firstLine;

    /// <summary>Gets the offset in the input (<see cref="TextInput.Position"/>) of the current (or last) record's first byte.</summary>
    public long RecordStart { get; private set; }

    /// <summary>Gets the bytes of the current (or last) record so far, with its delimiters and without quotes or the line break.</summary>
    public long RecordBytes { get; private set; }

    /// <summary>Reads the next field into <paramref name="target"/>, or checks and drops it when that is <see langword="null"/>.</summary>
    /// <param name="target">Where the field's bytes go, cleared first; <see langword="null"/> to skip the field.</param>
    /// <param name="endsRecord">Whether the field was the last of its record.</param>
    /// <returns><see langword="false"/> when the data ended before another record began.</returns>
    /// <exception cref="DataFormatException">A quote is not closed, a field is too long or not valid UTF-8.</exception>
    public bool ReadField(Utf8TextBuffer? target, out bool endsRecord)
    {
        endsRecord = false;
        if (_atRecordStart)
        {
            if (_afterCarriageReturn && input.Fill() && input.Available[0] == (byte)'\n')
            {
                input.Advance(1);
            }

            _afterCarriageReturn = false;
            if (!input.Fill())
            {
                return false;
            }

            _atRecordStart = false;
            RecordLine = Line;
            RecordStart = input.Position;
            RecordBytes = 0;
        }

        var field = target ?? _skipped;
        field.Clear();
        var fieldLine = Line;
        var quoted = quoting && input.Fill() && input.Available[0] == Quote;
        if (quoted)
        {
            input.Advance(1);
            ReadQuoted(field);
        }

        while (input.Fill())
        {
            var span = input.Available;
            if (quoted)
            {
                quoted = false;
                if (span[0] != delimiter && span[0] != '\r' && span[0] != '\n')
                {
                    throw new DataFormatException(source, RecordLine, null, $"unexpected character '{Describe(span)}' after a closing quote.");
                }
            }

            var stop = span.IndexOfAny(delimiter, (byte)'\r', (byte)'\n');
            if (stop < 0)
            {
                Append(field, span);
                input.Advance(span.Length);
                continue;
            }

            Append(field, span[..stop]);
            var separator = span[stop];
            input.Advance(stop + 1);
            EndField(field, fieldLine);
            if (separator == delimiter)
            {
                RecordBytes++;
            }
            else
            {
                Line++;
                _afterCarriageReturn = separator == '\r';
                _atRecordStart = endsRecord = true;
            }

            return true;
        }

        EndField(field, fieldLine);
        _atRecordStart = endsRecord = true;
        return true;
    }

    private static string Describe(ReadOnlySpan<byte> bytes) =>
        Rune.DecodeFromUtf8(bytes, out var rune, out _) == System.Buffers.OperationStatus.Done
            ? rune.ToString()
            : $"\\x{bytes[0]:X2}";

    private void ReadQuoted(Utf8TextBuffer field)
    {
        while (true)
        {
            if (!input.Fill())
            {
                throw new DataFormatException(source, RecordLine, null, "a quoted field is not closed before the end of the file.");
            }

            var span = input.Available;
            var quote = span.IndexOf(Quote);
            var part = quote < 0 ? span : span[..quote];
            Line += part.Count((byte)'\n');
            Append(field, part);
            if (quote < 0)
            {
                input.Advance(part.Length);
                continue;
            }

            input.Advance(quote + 1);
            if (input.Fill() && input.Available[0] == Quote)
            {
                Append(field, [Quote]);
                input.Advance(1);
                continue;
            }

            return;
        }
    }

    private void Append(Utf8TextBuffer field, ReadOnlySpan<byte> bytes)
    {
        if (field.Length + bytes.Length > maxFieldBytes)
        {
            throw DataFiles.TooLong(source, RecordLine, null, "a field", maxFieldBytes);
        }

        field.Append(bytes);
        RecordBytes += bytes.Length;
    }

    private void EndField(Utf8TextBuffer field, int fieldLine)
    {
        field.Complete();
        if (!field.IsValid)
        {
            throw DataFiles.InvalidUtf8(source, fieldLine + field.InvalidLine - 1);
        }
    }
}
