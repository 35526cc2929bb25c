namespace SentimentKit.Scoring;

/// <summary>One record of an input file, as a shard reads it.</summary>
/// <param name="Record">The 1-based number of the record in its file.</param>
/// <param name="Line">The 1-based line where the record starts.</param>
/// <param name="Id">The value of <see cref="ScoringJobOptions.IdColumn"/>, or <see langword="null"/> when none is asked for.</param>
/// <param name="Text">The text to score.</param>
public readonly record struct ScoringRecord(long Record, int Line, string? Id, string Text);
