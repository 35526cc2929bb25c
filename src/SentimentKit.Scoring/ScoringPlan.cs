namespace SentimentKit.Scoring;

/// <summary>The shards of a job, in the order of the combined output (input files in the order given, then file order).</summary>
/// <param name="Shards">The shards.</param>
/// <param name="TextCount">How many records (texts) the shards hold together.</param>
public sealed record ScoringPlan(IReadOnlyList<ShardDescriptor> Shards, long TextCount);
