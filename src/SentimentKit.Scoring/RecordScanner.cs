using System.Text.Json;
using SentimentKit.Data;

namespace SentimentKit.Scoring;

/// <summary>
/// Reads the records of one input file from a record boundary on, with the loaders' own parsers
/// (<see cref="DelimitedFieldReader"/> for CSV and TSV, the JSON Lines line reader for JSON Lines and plain text), so
/// that a record here is exactly a record there. The planner scans whole files to find the boundaries; a shard
/// reads its byte range with the texts.
/// </summary>
internal static class RecordScanner
{
    /// <summary>A record: where it starts (its file offset) and line, and, when asked for, its id and text.</summary>
    public readonly record struct Scanned(long Start, int Line, string? Id, string? Text);

    /// <summary>Reads the records that start in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The job's reading options.</param>
    /// <param name="start">A record boundary (0 for the whole file: CSV/TSV then skip their header themselves).</param>
    /// <param name="end">The offset where the range ends.</param>
    /// <param name="firstLine">The line at <paramref name="start"/>.</param>
    /// <param name="keepText">Whether to decode the texts and ids (a shard) or only check them (the planner).</param>
    /// <exception cref="DataFormatException">A record is malformed, too long or not UTF-8.</exception>
    public static IEnumerable<Scanned> Scan(string path, ScoringJobOptions options, long start, long end, int firstLine, bool keepText)
    {
        var format = options.FormatOf(path);
        return format is ScoringFormat.Csv or ScoringFormat.Tsv
            ? ScanDelimited(path, format, options, start, end, firstLine, keepText)
            : ScanLines(path, format, options, start, end, firstLine, keepText);
    }

    /// <summary>Fails with a clear message for what cannot be cut by byte range: gzip data.</summary>
    public static void CheckNotCompressed(string path)
    {
        using var file = DataFiles.OpenFile(path, "batch scoring");
        Span<byte> head = stackalloc byte[2];
        var read = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        if (DataFiles.IsGzip(head[..read]))
        {
            throw new DataFormatException(path, null, null, "the file is gzip-compressed; batch scoring cuts files by byte range, so decompress it first.");
        }
    }

    private static IEnumerable<Scanned> ScanDelimited(string path, ScoringFormat format, ScoringJobOptions options, long start, long end, int firstLine, bool keepText)
    {
        var delimiter = format == ScoringFormat.Tsv ? (byte)'\t' : (byte)',';
        var quoting = format == ScoringFormat.Csv || options.TsvQuoting;
        var limits = new DataLoadOptions { MaxTextBytes = options.MaxTextBytes };
        List<string> header;
        int textIndex, idIndex;
        using (var headerFile = DataFiles.OpenFile(path, format.ToString().ToUpperInvariant()))
        {
            var headerReader = new DelimitedFieldReader(new TextInput(headerFile, path), path, delimiter, quoting, options.MaxTextBytes);
            header = DelimitedTextLoader.ReadHeader(headerReader, path, limits);
            textIndex = DelimitedTextLoader.FindColumn(header, options.TextColumn, path, headerReader.RecordLine);
            idIndex = options.IdColumn is null ? -1 : DelimitedTextLoader.FindColumn(header, options.IdColumn, path, headerReader.RecordLine);
        }

        using var file = DataFiles.OpenFile(path, null);
        file.Seek(start, SeekOrigin.Begin);
        var reader = new DelimitedFieldReader(new TextInput(file, path), path, delimiter, quoting, options.MaxTextBytes, firstLine);
        if (start == 0)
        {
            DelimitedTextLoader.ReadHeader(reader, path, limits);
        }

        var text = keepText ? new Utf8TextBuffer() : null;
        var id = keepText && idIndex >= 0 ? new Utf8TextBuffer() : null;
        while (true)
        {
            var fieldCount = 0;
            var firstFieldEmpty = false;
            bool endsRecord;
            do
            {
                var target = fieldCount == textIndex ? text : fieldCount == idIndex ? id : null;
                if (!reader.ReadField(target, out endsRecord))
                {
                    yield break;
                }

                if (fieldCount == 0)
                {
                    if (start + reader.RecordStart >= end)
                    {
                        yield break;
                    }

                    firstFieldEmpty = reader.RecordBytes == 0;
                }

                fieldCount++;
            }
            while (!endsRecord);

            if (fieldCount == 1 && firstFieldEmpty)
            {
                continue;
            }

            if (fieldCount != header.Count)
            {
                throw new DataFormatException(path, reader.RecordLine, null, $"expected {header.Count} fields, found {fieldCount}.");
            }

            yield return new Scanned(start + reader.RecordStart, reader.RecordLine, id?.ToString(), text?.ToString());
        }
    }

    private static IEnumerable<Scanned> ScanLines(string path, ScoringFormat format, ScoringJobOptions options, long start, long end, int firstLine, bool keepText)
    {
        using var file = DataFiles.OpenFile(path, format == ScoringFormat.JsonLines ? "JSON Lines" : "text");
        file.Seek(start, SeekOrigin.Begin);
        var input = new TextInput(file, path);
        var row = new Utf8TextBuffer();
        var line = firstLine - 1;
        while (true)
        {
            // A byte order mark is used up by the first Fill, so the offset is taken after it.
            if (!input.Fill())
            {
                yield break;
            }

            var recordStart = start + input.Position;
            if (recordStart >= end || !JsonLinesLoader.ReadLine(input, row, path, line + 1, options.MaxTextBytes))
            {
                yield break;
            }

            line++;
            if (row.ConsistsOf(" \t\r"u8))
            {
                continue;
            }

            if (!row.IsValid)
            {
                throw DataFiles.InvalidUtf8(path, line);
            }

            if (format == ScoringFormat.Text)
            {
                var value = keepText ? row.ToString() : null;
                yield return new Scanned(recordStart, line, null, value is not null && value.EndsWith('\r') ? value[..^1] : value);
                continue;
            }

            var (id, text) = ParseJson(row, path, line, options, keepText);
            yield return new Scanned(recordStart, line, id, text);
        }
    }

    private static (string? Id, string? Text) ParseJson(Utf8TextBuffer row, string path, int line, ScoringJobOptions options, bool keepText)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(row.IsContiguous ? row.Memory : row.ToArray());
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, line, null, "invalid JSON: " + e.Message, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException(path, line, null, $"expected a JSON object, found {root.ValueKind}.");
            }

            if (!root.TryGetProperty(options.TextColumn, out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw new DataFormatException(path, line, null, $"field '{options.TextColumn}' is missing or not a string.");
            }

            string? id = null;
            if (options.IdColumn is not null)
            {
                if (!root.TryGetProperty(options.IdColumn, out var idElement) || idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    throw new DataFormatException(path, line, null, $"field '{options.IdColumn}' is missing or not a string or number.");
                }

                id = keepText ? (idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : idElement.GetRawText()) : null;
            }

            return (id, keepText ? text.GetString() : null);
        }
    }
}
