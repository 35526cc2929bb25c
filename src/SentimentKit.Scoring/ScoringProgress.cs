namespace SentimentKit.Scoring;

/// <summary>How far a job is.</summary>
/// <param name="ShardsDone">Shards whose results are written (failed ones included).</param>
/// <param name="ShardCount">All shards of the job.</param>
/// <param name="TextsDone">Texts scored in this run.</param>
/// <param name="TextsToDo">Texts this run had to score (those of shards finished by an earlier run excluded).</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct ScoringProgress(int ShardsDone, int ShardCount, long TextsDone, long TextsToDo, TimeSpan Elapsed)
{
    /// <summary>Gets the texts scored per second so far.</summary>
    public double TextsPerSecond => Elapsed > TimeSpan.Zero ? TextsDone / Elapsed.TotalSeconds : 0;

    /// <summary>Gets the time left at the rate so far, or <see langword="null"/> before the first text.</summary>
    public TimeSpan? EstimatedRemaining => TextsDone > 0 ? TimeSpan.FromSeconds(Math.Max(0, TextsToDo - TextsDone) / TextsPerSecond) : null;
}
