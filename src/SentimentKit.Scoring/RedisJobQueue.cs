using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SentimentKit.Scoring;

/// <summary>
/// The Redis side of a job. Keys (all <c>sentimentkit:JOB:…</c>): <c>spec</c> (the job, JSON), <c>shards</c> (a
/// stream of shard descriptors read through the consumer group <c>workers</c>), <c>done</c> (a hash: shard index →
/// its figures), <c>texts</c> (texts scored), <c>errors</c> (a hash: shard index → the last error), <c>dead</c> (the
/// dead-letter stream) and <c>submitted</c> (set once every shard is in the stream). Every call is retried while the
/// server is unreachable or loading its append-only file, up to the outage limit; the time spent in calls is counted.
/// </summary>
internal sealed class RedisJobQueue : IAsyncDisposable
{
    public const string Group = "workers";
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);

    private readonly ConnectionMultiplexer _connection;
    private readonly RedisQueueAddress _address;
    private readonly TimeSpan _outage;
    private readonly ILogger _logger;
    private long _redisTicks;

    private RedisJobQueue(ConnectionMultiplexer connection, RedisQueueAddress address, TimeSpan outage, ILogger logger)
    {
        _connection = connection;
        _address = address;
        _outage = outage;
        _logger = logger;
        var prefix = $"sentimentkit:{address.Job}:";
        Spec = prefix + "spec";
        Stream = prefix + "shards";
        Done = prefix + "done";
        Texts = prefix + "texts";
        Errors = prefix + "errors";
        Dead = prefix + "dead";
        Submitted = prefix + "submitted";
    }

    public RedisKey Spec { get; }

    public RedisKey Stream { get; }

    public RedisKey Done { get; }

    public RedisKey Texts { get; }

    public RedisKey Errors { get; }

    public RedisKey Dead { get; }

    public RedisKey Submitted { get; }

    /// <summary>Gets the time spent waiting on Redis calls so far.</summary>
    public TimeSpan RedisTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _redisTicks));

    private IDatabase Db => _connection.GetDatabase();

    /// <exception cref="QueueUnavailableException">The server cannot be reached.</exception>
    public static async Task<RedisJobQueue> ConnectAsync(RedisQueueAddress address, TimeSpan outage, ILogger logger)
    {
        var configuration = new ConfigurationOptions
        {
            AbortOnConnectFail = true,
            ConnectTimeout = 3000,
            ConnectRetry = 1,
            AsyncTimeout = 5000,
            SyncTimeout = 5000,
            ClientName = "sentimentkit",
            Password = address.Password,
        };
        configuration.EndPoints.Add(address.Host, address.Port);
        try
        {
            var connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
            return new RedisJobQueue(connection, address, outage, logger);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or System.Net.Sockets.SocketException)
        {
            // StackExchange.Redis's own message advises abortConnect=false, which is no advice for a user here.
            var cause = e is RedisConnectionException connection ? connection.FailureType.ToString() : FirstLine(e.Message);
            throw new QueueUnavailableException($"Redis at {address.Host}:{address.Port} cannot be reached ({cause}); is redis-server running there, and reachable from this machine?", e);
        }
    }

    public ValueTask DisposeAsync() => new(_connection.CloseAsync(allowCommandsToComplete: false));

    public async Task<QueueSpec?> GetSpecAsync(CancellationToken cancellationToken)
    {
        var json = await Call(db => db.StringGetAsync(Spec), cancellationToken).ConfigureAwait(false);
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<QueueSpec>((string)json!, JobManifest.Json);
    }

    public async Task<bool> IsSubmittedAsync(CancellationToken cancellationToken) =>
        await Call(db => db.KeyExistsAsync(Submitted), cancellationToken).ConfigureAwait(false);

    /// <summary>Puts a job on the queue afresh: clears what an earlier, unfinished submission left, then adds the shards still to do.</summary>
    public async Task SubmitAsync(QueueSpec spec, IReadOnlyList<ShardDescriptor> toDo, IReadOnlyList<ShardDescriptor> finished, CancellationToken cancellationToken)
    {
        await Call(db => db.KeyDeleteAsync([Stream, Done, Texts, Errors, Dead, Submitted]), cancellationToken).ConfigureAwait(false);
        await Call(db => db.StringSetAsync(Spec, JsonSerializer.Serialize(spec, JobManifest.Json)), cancellationToken).ConfigureAwait(false);
        await Call(db => db.StreamCreateConsumerGroupAsync(Stream, Group, "0-0", createStream: true), cancellationToken).ConfigureAwait(false);
        foreach (var shard in finished)
        {
            await Call(db => db.HashSetAsync(Done, shard.Index, "{\"reused\":true}"), cancellationToken).ConfigureAwait(false);
        }

        foreach (var chunk in toDo.Chunk(1000))
        {
            await Call(
                async db =>
                {
                    var batch = db.CreateBatch();
                    var adds = chunk.Select(s => batch.StreamAddAsync(Stream, "shard", JsonSerializer.Serialize(s, JobManifest.Json))).ToArray();
                    batch.Execute();
                    await Task.WhenAll(adds).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }

        await Call(db => db.StringSetAsync(Submitted, "1"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps a finished job's keys for a day, so that late workers still see that it is complete.</summary>
    public Task ExpireAsync(TimeSpan after, CancellationToken cancellationToken) => Call(
        async db =>
        {
            foreach (var key in new[] { Spec, Stream, Done, Texts, Errors, Dead, Submitted })
            {
                await db.KeyExpireAsync(key, after).ConfigureAwait(false);
            }

            return true;
        },
        cancellationToken);

    public async Task<(long Done, long Dead, long Texts)> CountsAsync(CancellationToken cancellationToken)
    {
        var done = await Call(db => db.HashLengthAsync(Done), cancellationToken).ConfigureAwait(false);
        var dead = await Call(db => db.StreamLengthAsync(Dead), cancellationToken).ConfigureAwait(false);
        var texts = await Call(db => db.StringGetAsync(Texts), cancellationToken).ConfigureAwait(false);
        return (done, dead, texts.IsNullOrEmpty ? 0 : (long)texts);
    }

    public async Task<IReadOnlyList<ShardFailure>> DeadLetteredAsync(CancellationToken cancellationToken)
    {
        var entries = await Call(db => db.StreamRangeAsync(Dead), cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => new ShardFailure(
            Descriptor(e),
            (int)e["deliveries"],
            (string?)e["reason"] ?? "unknown"))];
    }

    public async Task<IReadOnlyDictionary<int, string>> DoneFiguresAsync(CancellationToken cancellationToken)
    {
        var entries = await Call(db => db.HashGetAllAsync(Done), cancellationToken).ConfigureAwait(false);
        return entries.ToDictionary(e => (int)e.Name, e => (string)e.Value!);
    }

    /// <summary>A shard whose worker went silent for longer than the lease, claimed for <paramref name="consumer"/>, with its delivery count.</summary>
    public async Task<(StreamEntry Entry, long Deliveries)?> ClaimStaleAsync(string consumer, TimeSpan lease, CancellationToken cancellationToken)
    {
        var result = await Call(db => db.StreamAutoClaimAsync(Stream, Group, consumer, (long)lease.TotalMilliseconds, "0-0", 1), cancellationToken).ConfigureAwait(false);
        var entry = result.ClaimedEntries.FirstOrDefault(e => !e.IsNull && e.Values is { Length: > 0 });
        if (entry.IsNull || entry.Values is not { Length: > 0 })
        {
            return null;
        }

        var pending = await Call(db => db.StreamPendingMessagesAsync(Stream, Group, 1, RedisValue.Null, entry.Id, entry.Id), cancellationToken).ConfigureAwait(false);
        return (entry, pending.Length > 0 ? pending[0].DeliveryCount : 1);
    }

    public async Task<StreamEntry?> ReadNewAsync(string consumer, CancellationToken cancellationToken)
    {
        var entries = await Call(db => db.StreamReadGroupAsync(Stream, Group, consumer, ">", 1), cancellationToken).ConfigureAwait(false);
        return entries.Length > 0 ? entries[0] : null;
    }

    /// <summary>Resets the idle time of a shard this worker holds (its lease), without counting a delivery.</summary>
    public Task RenewAsync(string consumer, RedisValue id, CancellationToken cancellationToken) =>
        Call(db => db.StreamClaimIdsOnlyAsync(Stream, Group, consumer, 0, [id]), cancellationToken);

    public async Task CompleteAsync(ShardDescriptor shard, RedisValue id, int texts, string figures, CancellationToken cancellationToken)
    {
        var added = await Call(db => db.HashSetAsync(Done, shard.Index, figures), cancellationToken).ConfigureAwait(false);
        if (added)
        {
            await Call(db => db.StringIncrementAsync(Texts, texts), cancellationToken).ConfigureAwait(false);
        }

        await Call(db => db.StreamAcknowledgeAsync(Stream, Group, id), cancellationToken).ConfigureAwait(false);
    }

    public Task ReportErrorAsync(ShardDescriptor shard, string error, CancellationToken cancellationToken) =>
        Call(db => db.HashSetAsync(Errors, shard.Index, error), cancellationToken);

    public async Task<string?> LastErrorAsync(ShardDescriptor shard, CancellationToken cancellationToken) =>
        await Call(db => db.HashGetAsync(Errors, shard.Index), cancellationToken).ConfigureAwait(false);

    public async Task DeadLetterAsync(StreamEntry entry, long deliveries, string reason, CancellationToken cancellationToken)
    {
        await Call(
            db => db.StreamAddAsync(Dead, [new("shard", entry["shard"]), new("deliveries", deliveries), new("reason", reason), new("id", entry.Id)]),
            cancellationToken).ConfigureAwait(false);
        await Call(db => db.StreamAcknowledgeAsync(Stream, Group, entry.Id), cancellationToken).ConfigureAwait(false);
    }

    public static ShardDescriptor Descriptor(StreamEntry entry) =>
        JsonSerializer.Deserialize<ShardDescriptor>((string)entry["shard"]!, JobManifest.Json)
        ?? throw new ScoringJobException($"stream entry {entry.Id} holds no shard.");

    private static string FirstLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static bool IsTransient(Exception e) => e is RedisConnectionException or RedisTimeoutException
        || (e is RedisServerException server && (server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)));

    /// <summary>Runs a call, retrying while the server is away, and counts the time spent in it.</summary>
    private async Task<T> Call<T>(Func<IDatabase, Task<T>> call, CancellationToken cancellationToken)
    {
        var first = Stopwatch.GetTimestamp();
        var warned = false;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    return await call(Db).ConfigureAwait(false);
                }
                catch (Exception e) when (IsTransient(e))
                {
                    if (Stopwatch.GetElapsedTime(first) > _outage)
                    {
                        throw new QueueUnavailableException(string.Create(CultureInfo.InvariantCulture, $"Redis at {_address.Host}:{_address.Port} stayed unreachable for {_outage.TotalSeconds:F0} s ({FirstLine(e.Message)})."), e);
                    }

                    if (!warned)
                    {
                        warned = true;
                        Log.QueueRetrying(_logger, $"{_address.Host}:{_address.Port}", FirstLine(e.Message), _outage);
                    }

                    await Task.Delay(RetryPause, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Interlocked.Add(ref _redisTicks, Stopwatch.GetTimestamp() - first);
        }
    }
}
