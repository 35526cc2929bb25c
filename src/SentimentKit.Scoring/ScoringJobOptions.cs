using SentimentKit.Data;

namespace SentimentKit.Scoring;

/// <summary>How a scoring job reads its input files and cuts them into shards.</summary>
public sealed class ScoringJobOptions
{
    /// <summary>The default number of records in a shard.</summary>
    public const int DefaultShardSize = 1000;

    /// <summary>Gets or sets how the input files are read.</summary>
    /// <value>The default value is <see cref="ScoringFormat.Auto"/> (by file extension).</value>
    public ScoringFormat Format { get; set; } = ScoringFormat.Auto;

    /// <summary>Gets or sets the column (CSV, TSV) or field (JSON Lines) that holds the text.</summary>
    /// <value>The default value is <c>text</c>.</value>
    public string TextColumn { get; set; } = "text";

    /// <summary>Gets or sets the column or field whose value names each record in the results; none when <see langword="null"/> (records are named by file and line).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? IdColumn { get; set; }

    /// <summary>Gets or sets a value indicating whether TSV is read with CSV quoting.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool TsvQuoting { get; set; }

    /// <summary>Gets or sets the longest text, field or JSON line read, in bytes.</summary>
    /// <value>The default value is <see cref="DataLoadOptions.DefaultMaxTextBytes"/>.</value>
    public int MaxTextBytes { get; set; } = DataLoadOptions.DefaultMaxTextBytes;

    /// <summary>Gets or sets how many records a shard holds (the last shard of a file may hold fewer).</summary>
    /// <value>The default value is <see cref="DefaultShardSize"/>.</value>
    public int ShardSize { get; set; } = DefaultShardSize;

    /// <summary>Gets or sets how many shards a local job scores at once.</summary>
    /// <value>The default value is 0: one per processor.</value>
    public int MaxDegreeOfParallelism { get; set; }

    /// <summary>Copies these options (every setting is a value, so the copy shares nothing).</summary>
    /// <returns>The copy.</returns>
    public ScoringJobOptions Clone() => (ScoringJobOptions)MemberwiseClone();

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Format))
        {
            errors.Add($"{nameof(Format)} '{Format}' is not a scoring format.");
        }

        if (string.IsNullOrWhiteSpace(TextColumn))
        {
            errors.Add($"{nameof(TextColumn)} must name a column.");
        }

        if (IdColumn is not null && string.IsNullOrWhiteSpace(IdColumn))
        {
            errors.Add($"{nameof(IdColumn)} must name a column or be null.");
        }

        if (MaxTextBytes < 1)
        {
            errors.Add($"{nameof(MaxTextBytes)} must be at least 1 (got {MaxTextBytes}).");
        }

        if (ShardSize < 1)
        {
            errors.Add($"{nameof(ShardSize)} must be at least 1 (got {ShardSize}).");
        }

        if (MaxDegreeOfParallelism < 0)
        {
            errors.Add($"{nameof(MaxDegreeOfParallelism)} must be 0 (one per processor) or more (got {MaxDegreeOfParallelism}).");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(nameof(ScoringJobOptions), errors);
        }
    }

    /// <summary>The format of one file: <see cref="Format"/>, or the file's extension when that is <see cref="ScoringFormat.Auto"/>.</summary>
    internal ScoringFormat FormatOf(string path) => Format != ScoringFormat.Auto
        ? Format
        : Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ScoringFormat.Csv,
            ".tsv" or ".tab" => ScoringFormat.Tsv,
            ".jsonl" or ".ndjson" => ScoringFormat.JsonLines,
            _ => ScoringFormat.Text,
        };
}
