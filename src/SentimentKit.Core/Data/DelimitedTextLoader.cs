namespace SentimentKit.Data;

/// <summary>
/// Reads CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) and TSV with a header
/// row; the text and label columns are chosen by name. TSV (IANA text/tab-separated-values) has no quoting: a quote
/// is a character like any other, and a field ends at the next tab or line break, unless
/// <see cref="DataLoadOptions.TsvQuoting"/> asks for the CSV rules. Files are read as a stream; gzip files (by their
/// signature) are decompressed as they are read and their checksums checked. Labels are trimmed; blank lines are
/// ignored. A field longer than <see cref="DataLoadOptions.MaxTextBytes"/> fails the load.
/// </summary>
public static class DelimitedTextLoader
{
    /// <summary>Loads a comma-separated file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The examples in file order.</returns>
    /// <exception cref="DataFormatException">The file is empty, lacks a column, has invalid UTF-8 or (unless skipped) a bad row.</exception>
    public static DataLoadResult LoadCsv(string path, DataLoadOptions? options = null) => Load(path, ',', options);

    /// <summary>Loads a tab-separated file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The examples in file order.</returns>
    /// <exception cref="DataFormatException">The file is empty, lacks a column, has invalid UTF-8 or (unless skipped) a bad row.</exception>
    public static DataLoadResult LoadTsv(string path, DataLoadOptions? options = null) => Load(path, '\t', options);

    /// <summary>Loads a delimited file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="delimiter">The field separator, an ASCII character such as <c>','</c> or <c>'\t'</c>.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The examples in file order.</returns>
    /// <exception cref="DataFormatException">The file is empty, lacks a column, has invalid UTF-8 or (unless skipped) a bad row.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static DataLoadResult Load(string path, char delimiter, DataLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (delimiter is '"' or '\r' or '\n' or > '\u007F')
        {
            throw new ArgumentException("The delimiter must be an ASCII character other than a quote or a line break.", nameof(delimiter));
        }

        options ??= new DataLoadOptions();
        options.Validate();
        if (options.LabelSeparator is { } separator && DataLoadOptions.LabelSeparatorProblem(separator, delimiter) is { } problem)
        {
            throw new InvalidOptionsException(nameof(DataLoadOptions), [problem]);
        }

        var quoting = delimiter != '\t' || options.TsvQuoting;
        return DataFiles.Read(path, delimiter == '\t' ? "TSV" : "CSV", options, content =>
        {
            var reader = new DelimitedFieldReader(new TextInput(content, path), path, (byte)delimiter, quoting, options.MaxTextBytes);
            return Parse(reader, path, options);
        });
    }

    private static DataLoadResult Parse(DelimitedFieldReader reader, string source, DataLoadOptions options)
    {
        var header = ReadHeader(reader, source, options);
        var textIndex = FindColumn(header, options.TextColumn, source, reader.RecordLine);
        var labelIndex = FindColumn(header, options.LabelColumn, source, reader.RecordLine);
        var text = new Utf8TextBuffer();
        var label = new Utf8TextBuffer();
        var labels = new LabelNames();
        var bad = new BadRowCollector(options);
        var examples = new List<TextExample>();
        while (true)
        {
            // Only the two columns asked for are kept; the others are checked and dropped as they stream past.
            var fieldCount = 0L;
            var firstFieldEmpty = false;
            bool endsRecord;
            do
            {
                var target = fieldCount == textIndex ? text : fieldCount == labelIndex ? label : null;
                if (!reader.ReadField(target, out endsRecord))
                {
                    return Finish(source, examples, bad, options, labels);
                }

                if (fieldCount == 0)
                {
                    firstFieldEmpty = reader.RecordBytes == 0;
                }

                fieldCount++;
            }
            while (!endsRecord);

            var line = reader.RecordLine;
            if (fieldCount == 1 && firstFieldEmpty)
            {
                continue;
            }

            if (fieldCount != header.Count)
            {
                bad.Report(new DataFormatException(source, line, null, $"expected {header.Count} fields, found {fieldCount}."));
                continue;
            }

            if (options.LabelSeparator is { } separator)
            {
                var set = MultiLabelLookalike.Split(label.ToString(), separator, labels, line);
                examples.Add(TextExample.WithLabels(text.ToString(), set) with { SourceId = $"{source}:{line}" });
                continue;
            }

            var name = labels.Get(label.ToString().Trim(), line);
            if (name.Length == 0)
            {
                bad.Report(new DataFormatException(source, line, null, $"the label ('{options.LabelColumn}') is empty."));
                continue;
            }

            examples.Add(new TextExample(text.ToString(), name) { SourceId = $"{source}:{line}" });
        }
    }

    private static DataLoadResult Finish(string source, List<TextExample> examples, BadRowCollector bad, DataLoadOptions options, LabelNames labels)
    {
        if (examples.Count == 0 && bad.Count == 0)
        {
            throw new DataFormatException(source, null, null, "the file has a header but no rows.");
        }

        if (options.LabelSeparator is null)
        {
            MultiLabelLookalike.ThrowIfFound(source, labels);
        }

        return new DataLoadResult(source, examples, bad.Count, bad.Reasons, 0);
    }

    /// <summary>Reads the first record that is not blank as the column names (also batch scoring's header reader).</summary>
    internal static List<string> ReadHeader(DelimitedFieldReader reader, string source, DataLoadOptions options)
    {
        var field = new Utf8TextBuffer();
        var names = new List<string>();
        while (true)
        {
            names.Clear();
            bool endsRecord;
            do
            {
                if (!reader.ReadField(field, out endsRecord))
                {
                    throw new DataFormatException(source, null, null, "the file is empty.");
                }

                // Fields beyond the header are dropped, but a header that never ends (no line break) must not fill memory.
                if (reader.RecordBytes > options.MaxTextBytes)
                {
                    throw DataFiles.TooLong(source, reader.RecordLine, null, "the header row", options.MaxTextBytes);
                }

                names.Add(field.ToString().Trim());
            }
            while (!endsRecord);

            if (!names.TrueForAll(n => n.Length == 0))
            {
                return names;
            }
        }
    }

    internal static int FindColumn(List<string> header, string name, string source, int line)
    {
        var index = header.IndexOf(name);
        if (index < 0)
        {
            index = header.FindIndex(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        }

        return index >= 0
            ? index
            : throw new DataFormatException(source, line, null, $"column '{name}' not found; the columns are: {string.Join(", ", header)}.");
    }
}
