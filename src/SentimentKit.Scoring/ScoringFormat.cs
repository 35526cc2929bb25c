namespace SentimentKit.Scoring;

/// <summary>How the input files of a scoring job are read.</summary>
public enum ScoringFormat
{
    /// <summary>Chosen by the file's extension: <c>.csv</c>, <c>.tsv</c>, <c>.jsonl</c>/<c>.ndjson</c>, anything else plain text.</summary>
    Auto,

    /// <summary>Comma-separated with a header row and RFC 4180 quoting (quoted fields may hold line breaks).</summary>
    Csv,

    /// <summary>Tab-separated with a header row; no quoting unless <see cref="ScoringJobOptions.TsvQuoting"/> is set.</summary>
    Tsv,

    /// <summary>One JSON object per line; the text is a string field.</summary>
    JsonLines,

    /// <summary>One text per line; blank lines are skipped.</summary>
    Text,
}
