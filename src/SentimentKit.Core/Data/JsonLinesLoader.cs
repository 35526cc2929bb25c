using System.Globalization;
using System.Text.Json;

namespace SentimentKit.Data;

/// <summary>
/// Reads JSON Lines: one JSON object per line, the text and label fields chosen by name. A label may be a string
/// (trimmed, kept as written), a boolean (<c>true</c>, <c>false</c>) or a number. A number is a label's name in one
/// spelling, so that <c>1</c>, <c>1.0</c> and <c>1e0</c> are one class: an integer written without a fraction or
/// exponent is kept as written (<c>-0</c> is <c>0</c>); any other number is written in its shortest round-trip form,
/// as an integer when it is one (<c>1.0</c> is <c>1</c>, <c>2.50</c> is <c>2.5</c>, <c>1e2</c> is <c>100</c>).
/// A label that is an array of strings makes the file multi-label (<c>[]</c> is the empty set), as does
/// <see cref="DataLoadOptions.LabelSeparator"/>, which splits string labels; without a separator, every line's label
/// must then be an array. Blank lines are ignored. Files are read as a stream; gzip files (by their signature) are decompressed as they are
/// read and their checksums checked. A line longer than <see cref="DataLoadOptions.MaxTextBytes"/> fails the load.
/// </summary>
public static class JsonLinesLoader
{
    private const double LargestExactInteger = 9007199254740992; // 2^53

    /// <summary>Loads a JSON Lines file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The examples in file order.</returns>
    /// <exception cref="DataFormatException">The file is empty, a line is too long, or (unless skipped) a line is bad.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static DataLoadResult Load(string path, DataLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new DataLoadOptions();
        options.Validate();
        return DataFiles.Read(path, "JSON Lines", options, content => Parse(new TextInput(content, path), path, options));
    }

    private static DataLoadResult Parse(TextInput input, string path, DataLoadOptions options)
    {
        var bad = new BadRowCollector(options);
        var labels = new LabelNames();
        var examples = new List<TextExample>();
        var row = new Utf8TextBuffer();
        var line = 0;
        var blank = true;
        (bool MultiLabel, int Line)? first = null;
        while (ReadLine(input, row, path, line + 1, options.MaxTextBytes))
        {
            line++;
            if (row.ConsistsOf(" \t\r"u8))
            {
                continue;
            }

            blank = false;
            if (!row.IsValid)
            {
                bad.Report(DataFiles.InvalidUtf8(path, line));
                continue;
            }

            // A line over 1 MiB is in chunks; the JSON parser needs it in one piece.
            var bytes = row.IsContiguous ? row.Memory : row.ToArray();
            var example = ParseRow(bytes, path, line, options, labels, out var problem);
            if (example is null)
            {
                bad.Report(problem!);
                continue;
            }

            CheckSameKind(example, options, path, line, ref first);
            examples.Add(example);
        }

        if (blank)
        {
            throw new DataFormatException(path, null, null, "the file is empty.");
        }

        if (first is { MultiLabel: false })
        {
            MultiLabelLookalike.ThrowIfFound(path, labels);
        }

        return new DataLoadResult(path, examples, bad.Count, bad.Reasons, 0);
    }

    /// <summary>
    /// Without a separator, the first good line decides whether the file is multi-label (its label is an array) or
    /// not; a later line of the other kind fails the whole load, since either kind could be the mistake.
    /// </summary>
    private static void CheckSameKind(TextExample example, DataLoadOptions options, string path, int line, ref (bool MultiLabel, int Line)? first)
    {
        if (options.LabelSeparator is not null)
        {
            return;
        }

        first ??= (example.IsMultiLabel, line);
        if (first.Value.MultiLabel != example.IsMultiLabel)
        {
            var (these, those) = example.IsMultiLabel ? ("an array of labels", "a single value") : ("a single value", "an array of labels");
            throw new DataFormatException(
                path,
                line,
                null,
                $"the label ('{options.LabelColumn}') is {these}, but on line {first.Value.Line} it is {those}; make every label an array "
                + "(multi-label) or a single value, or give the separator of labels written as one string (--label-separator, DataLoadOptions.LabelSeparator).");
        }
    }

    /// <summary>Reads the bytes up to the next line feed into <paramref name="row"/>; false at the end of the data.</summary>
    /// <remarks>Also the line reader of batch scoring (JSON Lines and plain text), which reads one byte range of a file.</remarks>
    internal static bool ReadLine(TextInput input, Utf8TextBuffer row, string path, int line, int maxBytes)
    {
        row.Clear();
        if (!input.Fill())
        {
            return false;
        }

        while (input.Fill())
        {
            var span = input.Available;
            var end = span.IndexOf((byte)'\n');
            var part = end < 0 ? span : span[..end];
            if (row.Length + part.Length > maxBytes)
            {
                throw DataFiles.TooLong(path, line, null, "the line", maxBytes);
            }

            row.Append(part);
            input.Advance(end < 0 ? span.Length : end + 1);
            if (end >= 0)
            {
                break;
            }
        }

        row.Complete();
        return true;
    }

    private static TextExample? ParseRow(
        ReadOnlyMemory<byte> row, string path, int line, DataLoadOptions options, LabelNames labels, out DataFormatException? problem)
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(row);
        }
        catch (JsonException e)
        {
            problem = new DataFormatException(path, line, null, "invalid JSON: " + e.Message, e);
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = new DataFormatException(path, line, null, $"expected a JSON object, found {root.ValueKind}.");
                return null;
            }

            if (!root.TryGetProperty(options.TextColumn, out var textElement) || !root.TryGetProperty(options.LabelColumn, out var labelElement))
            {
                var missing = root.TryGetProperty(options.TextColumn, out _) ? options.LabelColumn : options.TextColumn;
                var fields = string.Join(", ", root.EnumerateObject().Select(p => p.Name));
                problem = new DataFormatException(path, line, null, $"field '{missing}' not found; the fields are: {fields}.");
                return null;
            }

            if (textElement.ValueKind != JsonValueKind.String)
            {
                problem = new DataFormatException(path, line, null, $"field '{options.TextColumn}' is {textElement.ValueKind}, not a string.");
                return null;
            }

            var text = textElement.GetString()!;
            if (labelElement.ValueKind == JsonValueKind.Array)
            {
                return ArrayLabels(text, labelElement, path, line, options, labels, out problem);
            }

            if (options.LabelSeparator is { } separator && labelElement.ValueKind == JsonValueKind.String)
            {
                var set = MultiLabelLookalike.Split(labelElement.GetString()!, separator, labels, line);
                return TextExample.WithLabels(text, set) with { SourceId = $"{path}:{line}" };
            }

            var label = labelElement.ValueKind switch
            {
                JsonValueKind.String => labelElement.GetString()!.Trim(),
                JsonValueKind.Number => NumberName(labelElement.GetRawText()),
                JsonValueKind.True or JsonValueKind.False => labelElement.GetRawText(),
                _ => string.Empty,
            };
            if (label.Length == 0)
            {
                problem = new DataFormatException(path, line, null, $"the label ('{options.LabelColumn}') is empty or not a string, number or boolean.");
                return null;
            }

            var name = labels.Get(label, line);
            return options.LabelSeparator is null
                ? new TextExample(text, name) { SourceId = $"{path}:{line}" }
                : TextExample.WithLabels(text, [name]) with { SourceId = $"{path}:{line}" };
        }
    }

    /// <summary>A label array: each element a string, trimmed and not empty; repeats dropped.</summary>
    private static TextExample? ArrayLabels(
        string text, JsonElement array, string path, int line, DataLoadOptions options, LabelNames labels, out DataFormatException? problem)
    {
        problem = null;
        var set = new List<string>(array.GetArrayLength());
        foreach (var element in array.EnumerateArray())
        {
            var name = element.ValueKind == JsonValueKind.String ? element.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(name))
            {
                var what = name is null ? $"a {element.ValueKind}" : "an empty string";
                problem = new DataFormatException(
                    path, line, null, $"the label array ('{options.LabelColumn}') holds {what} at position {set.Count}; its elements must be label names (non-empty strings).");
                return null;
            }

            set.Add(labels.Get(name, line));
        }

        return TextExample.WithLabels(text, set) with { SourceId = $"{path}:{line}" };
    }

    /// <summary>The one spelling of a JSON number used as a label name (see the class summary).</summary>
    private static string NumberName(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            // JSON integers have no leading zeros or plus sign: the digits are already the one spelling, but for -0.
            return raw == "-0" ? "0" : raw;
        }

        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            return raw;
        }

        return Math.Abs(value) < LargestExactInteger && value == Math.Floor(value)
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }
}
