using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Scoring;

using SentimentKit.Scoring.Tests;

namespace SentimentKit.Benchmarks;

/// <summary>
/// Batch scoring of the IMDB test reviews (exported to a JSON Lines file): texts/s in-process (the reference), then
/// through Redis Streams with 1 and 2 workers (their ratio), and the queue's overhead per shard (time in Redis calls).
/// The model is the Naive Bayes n-gram recipe (uni+bi+trigrams) trained on a subset of the train reviews: training a
/// full model on a shared CPU would take longer than the scoring measured here.
/// </summary>
internal static class ScoreCommand
{
    public static int Run(VerbOptions options)
    {
        var data = ImdbData.Locate(options.Get("data"));
        var trainCount = options.GetInt("train", 5000);
        var shardSize = options.GetInt("shard-size", 1000);
        var limit = options.GetInt("limit", 25_000);
        var work = Path.Combine(Path.GetTempPath(), "sentimentkit-bench-score-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            var clock = Stopwatch.StartNew();
            var train = ImdbData.Load(data, ImdbSplit.Train).Examples;
            var order = Enumerable.Range(0, train.Count).ToArray();
            new Random(42).Shuffle(order);
            var trainer = SentimentTrainerOptions.RecommendedNaiveBayes();
            trainer.Device = DevicePreference.Cpu;
            var model = Path.Combine(work, "nbsvm.skm");
            using (var trained = new SentimentTrainer(trainer).Train([.. order.Take(trainCount).Select(i => train[i])]))
            {
                trained.Save(model);
            }

            Console.WriteLine($"model: nbsvm recipe trained on {trainCount:N0} IMDB train reviews in {clock.Elapsed.TotalSeconds:F1} s");
            var test = ImdbData.Load(data, ImdbSplit.Test).Examples.Take(limit).ToList();
            var input = Path.Combine(work, "imdb-test.jsonl");
            using (var writer = new StreamWriter(input))
            {
                foreach (var example in test)
                {
                    writer.WriteLine(JsonSerializer.Serialize(new { text = example.Text }));
                }
            }

            var inputBytes = new FileInfo(input).Length;
            Console.WriteLine($"input: {test.Count:N0} IMDB test reviews, {inputBytes / 1e6:F1} MB as JSON Lines ({inputBytes / test.Count:N0} bytes/text), shards of {shardSize}");
            var loader = new TorchPredictorLoader(DevicePreference.Cpu);
            var jobOptions = new ScoringJobOptions { ShardSize = shardSize, MaxDegreeOfParallelism = 1 };

            var local = Time(() => new ScoringJob(loader).RunAsync(model, [input], Path.Combine(work, "local"), jobOptions).GetAwaiter().GetResult());
            var resultBytes = new FileInfo(local.Summary.ResultsPath!).Length;
            Console.WriteLine(Line("local, 1 shard at a time", test.Count, local.Seconds, null));

            using var server = RedisServer.Binary is not null
                ? RedisServer.Start(fsyncEveryWrite: false)
                : throw new ArgumentException("redis-server is not installed (eng/redis.sh install installs it).");
            var one = Distributed(loader, model, input, work, server.Address, jobOptions, workers: 1);
            var two = Distributed(loader, model, input, work, server.Address, jobOptions, workers: 2);
            Console.WriteLine(Line("redis, 1 worker", test.Count, one.Seconds, one));
            Console.WriteLine(Line("redis, 2 workers", test.Count, two.Seconds, two));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: 2 workers / 1 worker = {one.Seconds / two.Seconds:F2}x; 1 worker / local = {local.Seconds / one.Seconds:F2}x ({Environment.ProcessorCount} cores here)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"output: {resultBytes / (double)test.Count:F0} bytes/text in results.jsonl (written twice: shard file, then combined)"));
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                texts = test.Count,
                shard_size = shardSize,
                input_bytes_per_text = inputBytes / (double)test.Count,
                output_bytes_per_text = resultBytes / (double)test.Count,
                local_texts_per_second = test.Count / local.Seconds,
                one_worker_texts_per_second = test.Count / one.Seconds,
                two_workers_texts_per_second = test.Count / two.Seconds,
                two_over_one = one.Seconds / two.Seconds,
                redis_ms_per_shard_one_worker = one.RedisMsPerShard,
                redis_ms_per_shard_two_workers = two.RedisMsPerShard,
                scoring_ms_per_shard_one_worker = one.ScoringMsPerShard,
            }));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static (double Seconds, ScoringSummary Summary) Time(Func<ScoringSummary> run)
    {
        var clock = Stopwatch.StartNew();
        var summary = run();
        return (clock.Elapsed.TotalSeconds, summary);
    }

    private sealed record RedisRun(double Seconds, double RedisMsPerShard, double ScoringMsPerShard);

    private static RedisRun Distributed(TorchPredictorLoader loader, string model, string input, string work, string address, ScoringJobOptions options, int workers)
    {
        var queue = RedisQueueAddress.Parse($"redis://{address}/bench-{workers}");
        var workerOptions = new ScoringWorkerOptions { PollInterval = TimeSpan.FromMilliseconds(20) };

        // Workers first (each loads its model), so that the clock measures scoring, not start-up.
        var started = Enumerable.Range(0, workers).Select(_ => Task.Run(() => new ScoringWorker(loader).RunAsync(model, queue, workerOptions))).ToArray();
        Thread.Sleep(TimeSpan.FromSeconds(3));
        var clock = Stopwatch.StartNew();
        var summary = new ScoringJob(loader) { PollInterval = TimeSpan.FromMilliseconds(20) }.SubmitAsync(queue, model, [input], Path.Combine(work, $"redis-{workers}"), options).GetAwaiter().GetResult();
        var seconds = clock.Elapsed.TotalSeconds;
        var done = Task.WhenAll(started).GetAwaiter().GetResult();
        if (!summary.Succeeded)
        {
            throw new InvalidOperationException("the benchmark job failed");
        }

        var shards = done.Sum(w => w.ShardsScored);
        return new RedisRun(seconds, done.Sum(w => w.ShardRedisTime.TotalMilliseconds) / shards, done.Sum(w => w.ScoringTime.TotalMilliseconds) / shards);
    }

    private static string Line(string what, int texts, double seconds, RedisRun? run) => string.Create(
        CultureInfo.InvariantCulture,
        $"{what,-26} {texts / seconds,8:N0} texts/s ({seconds:F1} s){(run is null ? string.Empty : $"; per shard: {run.ScoringMsPerShard:F0} ms scoring, {run.RedisMsPerShard:F2} ms in Redis calls")}");
}
