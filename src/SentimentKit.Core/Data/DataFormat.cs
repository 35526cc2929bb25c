namespace SentimentKit.Data;

/// <summary>The layout of a dataset on disk.</summary>
public enum DataFormat
{
    /// <summary>Chosen from the path: a folder or <c>.tar.gz</c>/<c>.tgz</c>/<c>.tar</c> is IMDB, then by extension (a trailing <c>.gz</c> ignored): <c>.csv</c>, <c>.tsv</c>, <c>.jsonl</c>/<c>.ndjson</c>.</summary>
    Auto,

    /// <summary>The IMDB layout (<c>{train,test}/{pos,neg}/&lt;id&gt;_&lt;stars&gt;.txt</c>) in a folder or a tar archive.</summary>
    Imdb,

    /// <summary>Comma-separated values with a header row (RFC 4180).</summary>
    Csv,

    /// <summary>Tab-separated values with a header row, without quoting (IANA text/tab-separated-values) unless <see cref="DataLoadOptions.TsvQuoting"/> is set.</summary>
    Tsv,

    /// <summary>JSON Lines: one JSON object per line.</summary>
    JsonLines,
}
