namespace SentimentKit.Scoring;

/// <summary>A shard that was given up on: dead-lettered after too many deliveries.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Deliveries">How many times it was handed to a worker.</param>
/// <param name="Reason">The last error a worker reported for it, or why none could be.</param>
public sealed record ShardFailure(ShardDescriptor Shard, int Deliveries, string Reason);
