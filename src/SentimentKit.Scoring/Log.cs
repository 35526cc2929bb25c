using Microsoft.Extensions.Logging;

namespace SentimentKit.Scoring;

/// <summary>Every log message of SentimentKit.Scoring, with stable event ids in the 7xx range.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Job {Job}: {Shards} shards, {Texts} texts, {Reused} finished by an earlier run")]
    public static partial void JobPlanned(ILogger logger, string job, int shards, long texts, int reused);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Job {Job} finished in {Seconds:F1} s: {Texts} texts, {Failed} shards failed")]
    public static partial void JobFinished(ILogger logger, string job, double seconds, long texts, int failed);

    [LoggerMessage(EventId = 702, Level = LogLevel.Debug, Message = "Worker {Worker}: {Shard} scored, {Texts} texts in {ScoringMs:F0} ms, {RedisMs:F1} ms in Redis calls")]
    public static partial void ShardScored(ILogger logger, string worker, ShardDescriptor shard, int texts, double scoringMs, double redisMs);

    [LoggerMessage(EventId = 703, Level = LogLevel.Error, Message = "Worker {Worker}: {Shard} failed (delivery {Delivery}); it stays pending and is handed out again after the lease")]
    public static partial void ShardFailed(ILogger logger, string worker, ShardDescriptor shard, long delivery, Exception exception);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "Worker {Worker}: {Shard} was delivered {Deliveries} times (more than {Max}); moved to the dead-letter stream: {Reason}")]
    public static partial void ShardDeadLettered(ILogger logger, string worker, ShardDescriptor shard, long deliveries, int max, string reason);

    [LoggerMessage(EventId = 705, Level = LogLevel.Information, Message = "Worker {Worker}: claimed {Shard} from a worker silent for longer than the lease (delivery {Delivery})")]
    public static partial void ShardReclaimed(ILogger logger, string worker, ShardDescriptor shard, long delivery);

    [LoggerMessage(EventId = 706, Level = LogLevel.Warning, Message = "Redis at {Address} is unreachable ({Reason}); retrying for up to {Limit}")]
    public static partial void QueueRetrying(ILogger logger, string address, string reason, TimeSpan limit);

    [LoggerMessage(EventId = 707, Level = LogLevel.Information, Message = "Worker {Worker}: job {Job} is complete; {Shards} shards and {Texts} texts scored here")]
    public static partial void WorkerFinished(ILogger logger, string worker, string job, int shards, long texts);
}
