namespace SentimentKit.Data;

/// <summary>Settings for loading a dataset.</summary>
/// <remarks>
/// The loaders stream their input, so memory follows the examples loaded, not the file; the two limits bound what a
/// file can make them read: <see cref="MaxTextBytes"/> the longest single text, <see cref="MaxDecompressedBytes"/>
/// what a small gzip file may expand to. Going over a limit is a <see cref="DataFormatException"/> that names the
/// file, the line or archive entry, the limit and the option that raises it.
/// </remarks>
public sealed class DataLoadOptions
{
    /// <summary>The largest <see cref="MaxTextBytes"/> can be: the longest string .NET can hold, in characters.</summary>
    public const int LargestMaxTextBytes = 0x3FFFFFDF;

    /// <summary>The default <see cref="MaxTextBytes"/>: 16 MiB, a thousand times a long review.</summary>
    public const int DefaultMaxTextBytes = 16 << 20;

    /// <summary>The default <see cref="MaxDecompressedBytes"/>: 4 GiB.</summary>
    public const long DefaultMaxDecompressedBytes = 4L << 30;

    /// <summary>Gets or sets the column (CSV, TSV) or field (JSON Lines) that holds the text.</summary>
    /// <value>The default value is <c>"text"</c>.</value>
    public string TextColumn { get; set; } = "text";

    /// <summary>Gets or sets the column (CSV, TSV) or field (JSON Lines) that holds the label.</summary>
    /// <value>The default value is <c>"label"</c>.</value>
    public string LabelColumn { get; set; } = "label";

    /// <summary>Gets or sets the IMDB split to read.</summary>
    /// <value>The default value is <see cref="ImdbSplit.Train"/>.</value>
    public ImdbSplit Split { get; set; } = ImdbSplit.Train;

    /// <summary>
    /// Gets or sets a value indicating whether bad rows (or archive entries) are skipped and reported in
    /// <see cref="DataLoadResult"/> instead of failing the load. Problems with the whole file (empty, missing
    /// column, unterminated quote, invalid UTF-8 in a CSV or TSV file, a corrupt archive, a limit exceeded other
    /// than by one IMDB review, JSON Lines labels that mix arrays and single values without a
    /// <see cref="LabelSeparator"/>, single-label values that look like label sets) always fail.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SkipBadRows { get; set; }

    /// <summary>
    /// Gets or sets the longest text read, in bytes as stored (UTF-8): an IMDB review, a CSV or TSV field, or a whole
    /// JSON Lines line. A CSV or TSV field or a JSON Lines line over it fails the load (the reader cannot find the end
    /// of the record without reading it whole); an IMDB review over it is a bad entry (skipped with
    /// <see cref="SkipBadRows"/>). Peak memory while a text is read is about three times its length.
    /// </summary>
    /// <value>The default value is <see cref="DefaultMaxTextBytes"/> (16,777,216 bytes); at most <see cref="LargestMaxTextBytes"/>.</value>
    public int MaxTextBytes { get; set; } = DefaultMaxTextBytes;

    /// <summary>
    /// Gets or sets how many bytes a gzip-compressed file (or <c>.tar.gz</c> archive) may decompress to, counting
    /// everything in it, read or skipped. Going over it fails the load. Files that are not compressed are not limited:
    /// their size is what is on disk.
    /// </summary>
    /// <value>The default value is <see cref="DefaultMaxDecompressedBytes"/> (4,294,967,296 bytes).</value>
    public long MaxDecompressedBytes { get; set; } = DefaultMaxDecompressedBytes;

    /// <summary>
    /// Gets or sets a value indicating whether TSV files use CSV quoting: a field that starts with a quote runs to the
    /// closing quote, with doubled quotes for a quote and tabs or line breaks inside. TSV as IANA defines it
    /// (text/tab-separated-values) has no quoting, so by default a quote is a character like any other and a text may
    /// begin, end or be full of quotes. CSV always uses quoting.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool TsvQuoting { get; set; }

    /// <summary>
    /// Gets or sets the string that separates the labels of one example in a CSV or TSV label column or a JSON Lines
    /// label string, which makes the data multi-label: the label field is split on it, each part trimmed, empty parts
    /// dropped, and an empty field is the empty set (a text with no label); every example then has
    /// <see cref="TextExample.Labels"/>. JSON Lines labels that are arrays of strings are multi-label without it.
    /// When it is <see langword="null"/> and single-label values look like label sets (a value such as
    /// <c>sports|politics</c> split on <c>|</c>, <c>;</c> or <c>,</c> has a part that is also a label on its own),
    /// the load fails and names the separator to set. It must not be empty or white space, contain a quote or a line
    /// break, or contain the field delimiter of a CSV or TSV file. The IMDB layout, single-label by its folders, ignores it.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (single-label, unless JSON Lines labels are arrays).</value>
    public string? LabelSeparator { get; set; }

    /// <summary>Gets or sets how many skipped-row reasons <see cref="DataLoadResult.SkippedReasons"/> keeps.</summary>
    /// <value>The default value is 10.</value>
    public int MaxReportedProblems { get; set; } = 10;

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var problems = new OptionErrors();
        if (string.IsNullOrWhiteSpace(TextColumn))
        {
            problems.Add($"{nameof(TextColumn)} must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(LabelColumn))
        {
            problems.Add($"{nameof(LabelColumn)} must not be empty.");
        }

        if (string.Equals(TextColumn, LabelColumn, StringComparison.Ordinal))
        {
            problems.Add($"{nameof(TextColumn)} and {nameof(LabelColumn)} must differ (both are '{TextColumn}').");
        }

        if (!Enum.IsDefined(Split))
        {
            problems.Add($"{nameof(Split)} is not a known split ({Split}).");
        }

        if (MaxReportedProblems < 0)
        {
            problems.Add($"{nameof(MaxReportedProblems)} must not be negative (was {MaxReportedProblems}).");
        }

        if (MaxTextBytes is < 1 or > LargestMaxTextBytes)
        {
            problems.Add($"{nameof(MaxTextBytes)} must be between 1 and {LargestMaxTextBytes} (was {MaxTextBytes}).");
        }

        if (MaxDecompressedBytes < 1)
        {
            problems.Add($"{nameof(MaxDecompressedBytes)} must be positive (was {MaxDecompressedBytes}).");
        }

        if (LabelSeparator is not null && LabelSeparatorProblem(LabelSeparator) is { } separatorProblem)
        {
            problems.Add(separatorProblem);
        }

        problems.ThrowIfAny(nameof(DataLoadOptions));
    }

    /// <summary>The reason a label separator cannot be used with a file whose fields are split on <paramref name="delimiter"/>; <see langword="null"/> when it can.</summary>
    internal static string? LabelSeparatorProblem(string separator, char? delimiter = null)
    {
        if (string.IsNullOrWhiteSpace(separator))
        {
            return $"{nameof(LabelSeparator)} must not be empty or white space (was '{Shown(separator)}').";
        }

        if (separator.AsSpan().IndexOfAny('"', '\r', '\n') >= 0)
        {
            return $"{nameof(LabelSeparator)} must not contain a quote or a line break (was '{Shown(separator)}').";
        }

        return delimiter is { } d && separator.Contains(d, StringComparison.Ordinal)
            ? $"{nameof(LabelSeparator)} must not contain the field delimiter {(d == '\t' ? "(a tab)" : $"'{d}'")} of the file (was '{Shown(separator)}'); choose another, such as '|'."
            : null;
    }

    // The separator in a one-line message, line breaks and tabs written as escapes.
    private static string Shown(string separator) => separator.Replace("\r", "\\r", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public DataLoadOptions Clone() => (DataLoadOptions)MemberwiseClone();
}
