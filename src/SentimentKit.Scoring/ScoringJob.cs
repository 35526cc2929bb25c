using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SentimentKit.Scoring;

/// <summary>
/// Scores input files into one output folder (<c>job.json</c>, <c>shards/</c>, then <c>results.jsonl</c> in input
/// order and <c>summary.json</c>): in this process over all cores (<see cref="RunAsync"/>), or by any number of
/// <see cref="ScoringWorker"/>s through a Redis stream (<see cref="SubmitAsync"/>). Either way a rerun resumes: the
/// shards whose outputs exist whole are not scored again.
/// </summary>
/// <param name="loader">Loads the model with the runtime the app chose (TorchSharp or ONNX).</param>
/// <param name="logger">Where to log; <see langword="null"/> for none.</param>
public sealed class ScoringJob(ISentimentPredictorLoader loader, ILogger? logger = null)
{
    private static readonly TimeSpan KeepFinishedJob = TimeSpan.FromDays(1);
    private static readonly TimeSpan QueueOutageLimit = TimeSpan.FromSeconds(60);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Gets or sets how often a submitter looks at the queue for progress.</summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs a job in this process, over all cores (<see cref="ScoringJobOptions.MaxDegreeOfParallelism"/>).</summary>
    /// <param name="modelPath">The model file (<c>.skm</c>).</param>
    /// <param name="inputs">The input files, in the order of the combined output.</param>
    /// <param name="outputFolder">The job's folder; a rerun with the same folder resumes.</param>
    /// <param name="options">How to read the inputs; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each shard.</param>
    /// <param name="cancellationToken">Stops between shards; finished shards stay for a rerun.</param>
    /// <returns>The summary (also written to <c>summary.json</c>).</returns>
    /// <exception cref="FileNotFoundException">The model or an input file does not exist.</exception>
    /// <exception cref="ModelFormatException">The model does not load.</exception>
    /// <exception cref="Data.DataFormatException">An input file is malformed.</exception>
    /// <exception cref="ScoringJobException">The folder holds another job.</exception>
    public async Task<ScoringSummary> RunAsync(string modelPath, IReadOnlyList<string> inputs, string outputFolder, ScoringJobOptions? options = null, IProgress<ScoringProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        options ??= new ScoringJobOptions();
        var (identity, folder) = Prepare(modelPath, inputs, outputFolder, options);
        using var predictor = loader.Load(modelPath);
        var manifest = folder.PlanOrResume(identity, options, inputs, cancellationToken);
        var toDo = manifest.Shards.Where(s => !ShardResults.IsComplete(folder.ShardPath(s), s.RecordCount)).ToArray();
        var reused = manifest.Shards.Count - toDo.Length;
        Log.JobPlanned(_logger, folder.Path, manifest.Shards.Count, manifest.TextCount, reused);
        var textsToDo = toDo.Sum(s => (long)s.RecordCount);
        var done = reused;
        long texts = 0;
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
        };
        await Parallel.ForEachAsync(toDo, parallel, (shard, token) =>
        {
            var count = ShardScorer.Score(predictor, shard, options, folder, token);
            var shardsDone = Interlocked.Increment(ref done);
            var textsDone = Interlocked.Add(ref texts, count);
            progress?.Report(new ScoringProgress(shardsDone, manifest.Shards.Count, textsDone, textsToDo, clock.Elapsed));
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        return Finish("local", folder, manifest, reused, [], clock, cancellationToken);
    }

    /// <summary>
    /// Puts a job's shards on a Redis stream for <see cref="ScoringWorker"/>s (anywhere that sees the same input files,
    /// model and output folder), reports progress until every shard is scored or dead-lettered, then writes the
    /// combined output. Submitting the same job again (same name, model, inputs, options) follows it instead of
    /// starting over.
    /// </summary>
    /// <param name="queue">The Redis server and the job's name.</param>
    /// <param name="modelPath">The model file (<c>.skm</c>); loaded once here to check it, scored by the workers.</param>
    /// <param name="inputs">The input files, in the order of the combined output.</param>
    /// <param name="outputFolder">The job's folder, on a file system every worker shares.</param>
    /// <param name="options">How to read the inputs; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told at each look at the queue.</param>
    /// <param name="cancellationToken">Stops following the job; the workers go on.</param>
    /// <returns>The summary; <see cref="ScoringSummary.Failures"/> names dead-lettered shards (then no combined output is written).</returns>
    /// <exception cref="FileNotFoundException">The model or an input file does not exist.</exception>
    /// <exception cref="ModelFormatException">The model does not load.</exception>
    /// <exception cref="QueueUnavailableException">Redis cannot be reached.</exception>
    /// <exception cref="ScoringJobException">The folder or the job name holds another job.</exception>
    public async Task<ScoringSummary> SubmitAsync(RedisQueueAddress queue, string modelPath, IReadOnlyList<string> inputs, string outputFolder, ScoringJobOptions? options = null, IProgress<ScoringProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var clock = Stopwatch.StartNew();
        options ??= new ScoringJobOptions();
        var (identity, folder) = Prepare(modelPath, inputs, outputFolder, options);
        loader.Load(modelPath).Dispose();
        await using var redis = await RedisJobQueue.ConnectAsync(queue, QueueOutageLimit, _logger).ConfigureAwait(false);
        var manifest = folder.PlanOrResume(identity, options, inputs, cancellationToken);
        var spec = new QueueSpec(identity.Identity(), identity.ModelSha256, folder.Path, JobReadOptions.From(options), manifest.Shards.Count, manifest.TextCount);
        var existing = await redis.GetSpecAsync(cancellationToken).ConfigureAwait(false);
        var finished = manifest.Shards.Where(s => ShardResults.IsComplete(folder.ShardPath(s), s.RecordCount)).ToArray();
        if (existing is not null && await redis.IsSubmittedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (existing.Identity != spec.Identity || existing.OutputFolder != spec.OutputFolder)
            {
                throw new ScoringJobException($"--queue {queue} already holds another job named '{queue.Job}'; choose another job name.");
            }
        }
        else
        {
            var finishedSet = finished.Select(s => s.Index).ToHashSet();
            await redis.SubmitAsync(spec, [.. manifest.Shards.Where(s => !finishedSet.Contains(s.Index))], finished, cancellationToken).ConfigureAwait(false);
        }

        Log.JobPlanned(_logger, queue.Job, manifest.Shards.Count, manifest.TextCount, finished.Length);
        var textsToDo = manifest.TextCount - finished.Sum(s => (long)s.RecordCount);
        while (true)
        {
            var (done, dead, texts) = await redis.CountsAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(new ScoringProgress((int)Math.Min(done + dead, manifest.Shards.Count), manifest.Shards.Count, texts, textsToDo, clock.Elapsed));
            if (done + dead >= manifest.Shards.Count)
            {
                break;
            }

            if (!await redis.IsSubmittedAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new ScoringJobException($"--queue {queue}: the job's keys are gone (Redis restarted without persistence, or they were deleted); rerun with a new job name: the finished shards are reused.");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        // A shard dead-lettered while a slow worker still finished it is not a failure.
        var failures = (await redis.DeadLetteredAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => !ShardResults.IsComplete(folder.ShardPath(f.Shard), f.Shard.RecordCount))
            .GroupBy(f => f.Shard.Index).Select(g => g.Last()).OrderBy(f => f.Shard.Index).ToArray();
        var summary = Finish("redis", folder, manifest, finished.Length, failures, clock, cancellationToken);
        await redis.ExpireAsync(KeepFinishedJob, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    /// <summary>Checks the inputs and options before anything is written.</summary>
    private static (JobManifest Identity, JobFolder Folder) Prepare(string modelPath, IReadOnlyList<string> inputs, string outputFolder, ScoringJobOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrEmpty(outputFolder);
        options.Validate();
        if (inputs.Count == 0)
        {
            throw new ArgumentException("At least one input file is needed.", nameof(inputs));
        }

        foreach (var input in inputs)
        {
            if (!File.Exists(input))
            {
                throw new FileNotFoundException($"--input '{input}' does not exist.", input);
            }
        }

        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"--model '{modelPath}' does not exist.", modelPath);
        }

        if (File.Exists(outputFolder))
        {
            throw new ScoringJobException($"--out '{outputFolder}' is a file; it must be a folder.");
        }

        return (JobManifest.Create(JobManifest.Sha256Of(modelPath), options, inputs), new JobFolder(outputFolder));
    }

    /// <summary>Writes the combined output (only when every shard is there) and the summary, both atomically.</summary>
    private ScoringSummary Finish(string mode, JobFolder folder, JobManifest manifest, int reused, ShardFailure[] failures, Stopwatch clock, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, long> counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        string? results = null;
        if (failures.Length == 0)
        {
            var missing = manifest.Shards.FirstOrDefault(s => !ShardResults.IsComplete(folder.ShardPath(s), s.RecordCount));
            if (missing is not null)
            {
                throw new ScoringJobException($"{missing} was reported done but {folder.ShardPath(missing)} is missing or incomplete here: the output folder must be one folder that every worker shares.");
            }

            AtomicFile.Write(folder.ResultsPath, stream => counts = ShardResults.Combine(manifest.Shards, folder.ShardsPath, stream, cancellationToken));
            results = folder.ResultsPath;
        }
        else if (File.Exists(folder.ResultsPath))
        {
            File.Delete(folder.ResultsPath);
        }

        var summary = new ScoringSummary(mode, manifest.TextCount, manifest.Shards.Count, reused, failures, counts, clock.Elapsed, results, folder.SummaryPath);
        AtomicFile.Write(folder.SummaryPath, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            summary.ToJson().WriteTo(writer);
        });
        Log.JobFinished(_logger, folder.Path, clock.Elapsed.TotalSeconds, manifest.TextCount, failures.Length);
        return summary;
    }
}
