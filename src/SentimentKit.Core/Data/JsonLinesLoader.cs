using System.Text.Json;
using System.Text.Unicode;

namespace SentimentKit.Data;

/// <summary>
/// Reads JSON Lines: one JSON object per line, the text and label fields chosen by name. A label may be a
/// string, a number or a boolean (kept as written: <c>1</c> becomes <c>"1"</c>). Blank lines are ignored;
/// <c>.gz</c> files are decompressed in memory.
/// </summary>
public static class JsonLinesLoader
{
    /// <summary>Loads a JSON Lines file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The examples in file order.</returns>
    /// <exception cref="DataFormatException">The file is empty or (unless skipped) a line is bad.</exception>
    public static DataLoadResult Load(string path, DataLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new DataLoadOptions();
        options.Validate();
        var bytes = DataFiles.ReadAllBytes(path);
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new DataFormatException(path, null, null, "the file is empty.");
        }

        var bad = new BadRowCollector(options);
        var examples = new List<TextExample>();
        ReadOnlyMemory<byte> memory = bytes;
        var line = 0;
        while (!memory.IsEmpty)
        {
            line++;
            var end = memory.Span.IndexOf((byte)'\n');
            var row = end < 0 ? memory : memory[..end];
            memory = end < 0 ? ReadOnlyMemory<byte>.Empty : memory[(end + 1)..];
            if (row.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (!Utf8.IsValid(row.Span))
            {
                bad.Report(new DataFormatException(path, line, null, "invalid UTF-8 (the data must be UTF-8 encoded)."));
                continue;
            }

            var example = ParseRow(row, path, line, options, out var problem);
            if (example is null)
            {
                bad.Report(problem!);
                continue;
            }

            examples.Add(example);
        }

        if (examples.Count == 0 && bad.Count == 0)
        {
            throw new DataFormatException(path, null, null, "the file has no rows.");
        }

        return new DataLoadResult(path, examples, bad.Count, bad.Reasons, 0);
    }

    private static TextExample? ParseRow(ReadOnlyMemory<byte> row, string path, int line, DataLoadOptions options, out DataFormatException? problem)
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

            var label = labelElement.ValueKind switch
            {
                JsonValueKind.String => labelElement.GetString()!.Trim(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => labelElement.GetRawText(),
                _ => string.Empty,
            };
            if (label.Length == 0)
            {
                problem = new DataFormatException(path, line, null, $"the label ('{options.LabelColumn}') is empty or not a string, number or boolean.");
                return null;
            }

            return new TextExample(textElement.GetString()!, label) { SourceId = $"line {line}" };
        }
    }
}
