namespace SentimentKit.Data;

/// <summary>
/// Label fields of multi-label data: splitting one on <see cref="DataLoadOptions.LabelSeparator"/>, and telling when
/// single-label data looks multi-label because the separator was not set.
/// </summary>
internal static class MultiLabelLookalike
{
    /// <summary>The separators label sets are commonly written with, which the check looks for.</summary>
    private static readonly char[] CommonSeparators = ['|', ';', ','];

    /// <summary>Splits a label field: parts trimmed, empty parts dropped (an empty field is the empty set), names shared through <paramref name="names"/>.</summary>
    public static IEnumerable<string> Split(string field, string separator, LabelNames names, int line) =>
        field.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(part => names.Get(part, line));

    /// <summary>
    /// Fails when a single-label value, split on <c>|</c>, <c>;</c> or <c>,</c>, has two or more parts and one of them
    /// is also a label on its own (<c>sports</c> beside <c>sports|politics</c>): the file is most likely multi-label
    /// and read without its separator, which would train a class per combination. The first such value in the file is
    /// named.
    /// </summary>
    /// <exception cref="DataFormatException">Such a value exists.</exception>
    public static void ThrowIfFound(string source, LabelNames names)
    {
        var all = names.FirstSeen.ToList();
        var known = new HashSet<string>(all.Select(n => n.Name), StringComparer.Ordinal);
        (string Name, int Line, char Separator, string Part)? first = null;
        foreach (var (name, line) in all)
        {
            if (first is { } f && f.Line <= line)
            {
                continue;
            }

            foreach (var separator in CommonSeparators)
            {
                var parts = name.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts.FirstOrDefault(known.Contains) is { } part)
                {
                    first = (name, line, separator, part);
                    break;
                }
            }
        }

        if (first is { } found)
        {
            throw new DataFormatException(
                source,
                found.Line,
                null,
                $"the label '{found.Name}' looks like a set of labels ('{found.Part}' is also a label on its own); if the data is multi-label, "
                + $"give its separator (--label-separator '{found.Separator}', DataLoadOptions.LabelSeparator = \"{found.Separator}\").");
        }
    }
}
