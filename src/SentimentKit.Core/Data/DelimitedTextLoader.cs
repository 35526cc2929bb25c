namespace SentimentKit.Data;

/// <summary>
/// Reads CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) and TSV (the same
/// rules with a tab) with a header row; the text and label columns are chosen by name. Files ending in
/// <c>.gz</c> (or starting with the gzip magic) are decompressed in memory. Labels are trimmed; blank lines are ignored.
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
    /// <param name="delimiter">The field separator, such as <c>','</c> or <c>'\t'</c>.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The examples in file order.</returns>
    /// <exception cref="DataFormatException">The file is empty, lacks a column, has invalid UTF-8 or (unless skipped) a bad row.</exception>
    public static DataLoadResult Load(string path, char delimiter, DataLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException("The delimiter cannot be a quote or a line break.", nameof(delimiter));
        }

        options ??= new DataLoadOptions();
        options.Validate();
        var text = DataFiles.DecodeOrThrow(DataFiles.ReadAllBytes(path), path);
        return Parse(text, path, delimiter, options);
    }

    internal static DataLoadResult Parse(string text, string source, char delimiter, DataLoadOptions options)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DataFormatException(source, null, null, "the file is empty.");
        }

        var parser = new Parser(text, source, delimiter);
        var fields = new List<string>();
        int headerLine;
        do
        {
            headerLine = parser.Line;
            if (!parser.ReadRecord(fields))
            {
                throw new DataFormatException(source, null, null, "the file is empty.");
            }
        }
        while (IsBlank(fields));

        var header = fields.Select(f => f.Trim()).ToArray();
        var textIndex = FindColumn(header, options.TextColumn, source, headerLine);
        var labelIndex = FindColumn(header, options.LabelColumn, source, headerLine);
        var bad = new BadRowCollector(options);
        var examples = new List<TextExample>();
        while (true)
        {
            var line = parser.Line;
            if (!parser.ReadRecord(fields))
            {
                break;
            }

            if (IsBlank(fields))
            {
                continue;
            }

            if (fields.Count != header.Length)
            {
                bad.Report(new DataFormatException(source, line, null, $"expected {header.Length} fields, found {fields.Count}."));
                continue;
            }

            var label = fields[labelIndex].Trim();
            if (label.Length == 0)
            {
                bad.Report(new DataFormatException(source, line, null, $"the label ('{options.LabelColumn}') is empty."));
                continue;
            }

            examples.Add(new TextExample(fields[textIndex], label) { SourceId = $"line {line}" });
        }

        if (examples.Count == 0 && bad.Count == 0)
        {
            throw new DataFormatException(source, null, null, "the file has a header but no rows.");
        }

        return new DataLoadResult(source, examples, bad.Count, bad.Reasons, 0);
    }

    private static bool IsBlank(List<string> fields) => fields.Count == 1 && fields[0].Length == 0;

    private static int FindColumn(string[] header, string name, string source, int line)
    {
        var index = Array.IndexOf(header, name);
        if (index < 0)
        {
            index = Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        }

        return index >= 0
            ? index
            : throw new DataFormatException(source, line, null, $"column '{name}' not found; the columns are: {string.Join(", ", header)}.");
    }

    /// <summary>An RFC 4180 record reader over the decoded text.</summary>
    private sealed class Parser(string text, string source, char delimiter)
    {
        private int _position;

        public int Line { get; private set; } = 1;

        public bool ReadRecord(List<string> fields)
        {
            fields.Clear();
            if (_position >= text.Length)
            {
                return false;
            }

            var recordLine = Line;
            var builder = new System.Text.StringBuilder();
            while (true)
            {
                builder.Clear();
                if (_position < text.Length && text[_position] == '"')
                {
                    _position++;
                    while (true)
                    {
                        var quote = text.IndexOf('"', _position);
                        if (quote < 0)
                        {
                            throw new DataFormatException(source, recordLine, null, "a quoted field is not closed before the end of the file.");
                        }

                        var chunk = text.AsSpan(_position, quote - _position);
                        Line += chunk.Count('\n');
                        builder.Append(chunk);
                        _position = quote + 1;
                        if (_position < text.Length && text[_position] == '"')
                        {
                            builder.Append('"');
                            _position++;
                            continue;
                        }

                        break;
                    }

                    if (_position < text.Length && text[_position] != delimiter && text[_position] != '\r' && text[_position] != '\n')
                    {
                        throw new DataFormatException(source, recordLine, null, $"unexpected character '{text[_position]}' after a closing quote.");
                    }
                }
                else
                {
                    var start = _position;
                    while (_position < text.Length && text[_position] != delimiter && text[_position] != '\r' && text[_position] != '\n')
                    {
                        _position++;
                    }

                    builder.Append(text.AsSpan(start, _position - start));
                }

                fields.Add(builder.ToString());
                if (_position >= text.Length)
                {
                    return true;
                }

                var c = text[_position++];
                if (c == delimiter)
                {
                    continue;
                }

                if (c == '\r' && _position < text.Length && text[_position] == '\n')
                {
                    _position++;
                }

                Line++;
                return true;
            }
        }
    }
}
