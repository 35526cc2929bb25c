namespace SentimentKit.Scoring;

/// <summary>What a worker needs to know of a job besides its shards; stored as JSON under <c>sentimentkit:JOB:spec</c>.</summary>
internal sealed record QueueSpec(string Identity, string ModelSha256, string OutputFolder, JobReadOptions Options, int ShardCount, long TextCount);
