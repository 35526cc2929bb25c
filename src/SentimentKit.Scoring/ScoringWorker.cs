using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace SentimentKit.Scoring;

/// <summary>
/// Takes a job's shards from its Redis stream through the consumer group and scores them: claim a shard (first one
/// whose worker went silent for longer than the lease, with XAUTOCLAIM; else a new one, with XREADGROUP), score it
/// while renewing the lease, write its results atomically, record it done, acknowledge it (XACK). A shard handed out
/// more than <see cref="ScoringWorkerOptions.MaxDeliveries"/> times goes to the dead-letter stream instead. The model
/// is loaded once; the worker stops when every shard of the job is done or dead-lettered.
/// </summary>
/// <param name="loader">Loads the model with the runtime the app chose (TorchSharp or ONNX).</param>
/// <param name="logger">Where to log; <see langword="null"/> for none.</param>
public sealed class ScoringWorker(ISentimentPredictorLoader loader, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Works on a job until it is complete.</summary>
    /// <param name="modelPath">This machine's copy of the job's model (checked by SHA-256).</param>
    /// <param name="queue">The Redis server and the job's name.</param>
    /// <param name="options">Lease, delivery limit and polling; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the worker; a shard it holds is claimed by another after the lease.</param>
    /// <returns>What this worker did.</returns>
    /// <exception cref="FileNotFoundException">The model does not exist.</exception>
    /// <exception cref="ModelFormatException">The model does not load.</exception>
    /// <exception cref="QueueUnavailableException">Redis cannot be reached, or stayed away for longer than the outage limit.</exception>
    /// <exception cref="ScoringJobException">The model is not the job's, or no such job was submitted in time.</exception>
    public async Task<WorkerSummary> RunAsync(string modelPath, RedisQueueAddress queue, ScoringWorkerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(queue);
        options ??= new ScoringWorkerOptions();
        options.Validate();
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"--model '{modelPath}' does not exist.", modelPath);
        }

        var name = options.Name ?? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var modelSha256 = JobManifest.Sha256Of(modelPath);
        using var predictor = loader.Load(modelPath);
        await using var redis = await RedisJobQueue.ConnectAsync(queue, options.QueueOutageLimit, _logger).ConfigureAwait(false);
        var spec = await WaitForJobAsync(redis, queue, options, cancellationToken).ConfigureAwait(false);
        if (spec.ModelSha256 != modelSha256)
        {
            throw new ScoringJobException($"--model '{modelPath}' (SHA-256 {modelSha256[..12]}…) is not the model of job '{queue.Job}' (SHA-256 {spec.ModelSha256[..12]}…).");
        }

        var readOptions = spec.Options.ToOptions();
        var folder = new JobFolder(spec.OutputFolder);
        int shards = 0, deadLettered = 0;
        long texts = 0;
        var scoring = TimeSpan.Zero;
        var shardRedis = TimeSpan.Zero;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var redisBefore = redis.RedisTime;
            var (done, dead, _) = await redis.CountsAsync(cancellationToken).ConfigureAwait(false);
            if (done + dead >= spec.ShardCount)
            {
                break;
            }

            if (!await redis.IsSubmittedAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new ScoringJobException($"--queue {queue}: the job's keys are gone (Redis restarted without persistence, or they were deleted).");
            }

            var claimed = await redis.ClaimStaleAsync(name, options.LeaseTime, cancellationToken).ConfigureAwait(false);
            StreamEntry entry;
            long delivery;
            if (claimed is { } stale)
            {
                (entry, delivery) = stale;
            }
            else if (await redis.ReadNewAsync(name, cancellationToken).ConfigureAwait(false) is { } fresh)
            {
                (entry, delivery) = (fresh, 1);
            }
            else
            {
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var shard = RedisJobQueue.Descriptor(entry);
            if (delivery > 1)
            {
                Log.ShardReclaimed(_logger, name, shard, delivery);
            }

            if (delivery > options.MaxDeliveries)
            {
                var reason = await redis.LastErrorAsync(shard, cancellationToken).ConfigureAwait(false)
                    ?? $"its workers stopped (killed or crashed) {delivery - 1} times while scoring it";
                await redis.DeadLetterAsync(entry, delivery - 1, reason, cancellationToken).ConfigureAwait(false);
                Log.ShardDeadLettered(_logger, name, shard, delivery - 1, options.MaxDeliveries, reason);
                deadLettered++;
                continue;
            }

            var clock = Stopwatch.StartNew();
            int count;
            using (var lease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var renewing = RenewAsync(redis, name, entry.Id, options.LeaseTime / 3, lease.Token);
                try
                {
                    count = await Task.Run(() => ShardScorer.Score(predictor, shard, readOptions, folder, cancellationToken), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Not acknowledged: the shard is handed out again after the lease, and dead-lettered after too many tries.
                    Log.ShardFailed(_logger, name, shard, delivery, e);
                    await redis.ReportErrorAsync(shard, $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", cancellationToken).ConfigureAwait(false);
                    continue;
                }
                finally
                {
                    await lease.CancelAsync().ConfigureAwait(false);
                    await renewing.ConfigureAwait(false);
                }
            }

            var scored = clock.Elapsed;
            var figures = new JsonObject
            {
                ["texts"] = count,
                ["scoring_ms"] = Math.Round(scored.TotalMilliseconds, 3),
                ["worker"] = name,
            };
            await redis.CompleteAsync(shard, entry.Id, count, figures.ToJsonString(), cancellationToken).ConfigureAwait(false);
            var redisTime = redis.RedisTime - redisBefore;
            Log.ShardScored(_logger, name, shard, count, scored.TotalMilliseconds, redisTime.TotalMilliseconds);
            shardRedis += redisTime;
            shards++;
            texts += count;
            scoring += scored;
        }

        Log.WorkerFinished(_logger, name, queue.Job, shards, texts);
        return new WorkerSummary(name, shards, texts, deadLettered, redis.RedisTime, shardRedis, scoring);
    }

    private static async Task<QueueSpec> WaitForJobAsync(RedisJobQueue redis, RedisQueueAddress queue, ScoringWorkerOptions options, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await redis.GetSpecAsync(cancellationToken).ConfigureAwait(false) is { } spec && await redis.IsSubmittedAsync(cancellationToken).ConfigureAwait(false))
            {
                return spec;
            }

            if (waited.Elapsed >= options.JobWaitTime)
            {
                throw new ScoringJobException($"--queue {queue}: no job '{queue.Job}' was submitted within {options.JobWaitTime.TotalSeconds:F0} s.");
            }

            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Renews the lease of the shard being scored until scoring ends.</summary>
    private static async Task RenewAsync(RedisJobQueue redis, string name, RedisValue id, TimeSpan every, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, cancellationToken).ConfigureAwait(false);
                await redis.RenewAsync(name, id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (QueueUnavailableException)
        {
            // Scoring goes on; if Redis stays away, the next call after scoring reports it.
        }
    }
}
