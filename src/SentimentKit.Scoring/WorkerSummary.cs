namespace SentimentKit.Scoring;

/// <summary>What one worker did.</summary>
/// <param name="Name">The worker's name in the consumer group.</param>
/// <param name="ShardsScored">Shards it scored and acknowledged.</param>
/// <param name="TextsScored">Texts in those shards.</param>
/// <param name="ShardsDeadLettered">Shards it moved to the dead-letter stream.</param>
/// <param name="RedisTime">Time spent waiting on Redis calls, polling for work and waiting for the job included.</param>
/// <param name="ShardRedisTime">Time spent in the Redis calls of the shards it scored (claim or read, lease renewals, record, acknowledge): the queue's overhead.</param>
/// <param name="ScoringTime">Time spent reading, scoring and writing shards.</param>
public sealed record WorkerSummary(string Name, int ShardsScored, long TextsScored, int ShardsDeadLettered, TimeSpan RedisTime, TimeSpan ShardRedisTime, TimeSpan ScoringTime);
