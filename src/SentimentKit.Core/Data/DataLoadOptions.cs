namespace SentimentKit.Data;

/// <summary>Settings for loading a dataset.</summary>
public sealed class DataLoadOptions
{
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
    /// column, unterminated quote, invalid UTF-8 in a CSV or TSV file) always fail.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SkipBadRows { get; set; }

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

        problems.ThrowIfAny(nameof(DataLoadOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public DataLoadOptions Clone() => (DataLoadOptions)MemberwiseClone();
}
