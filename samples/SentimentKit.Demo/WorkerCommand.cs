using System.CommandLine;
using System.Text.Json.Nodes;
using SentimentKit.Scoring;

namespace SentimentKit.Demo;

/// <summary>
/// <c>sentimentkit worker</c>: takes shards of a submitted job from its Redis stream and scores them until the job is
/// complete. Any number may run, on any machine that sees the job's input files, model and output folder.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The job's model file (.skm), as this machine sees it.", Required = true };
        var queue = new Option<string>("--queue") { Description = "redis://HOST:PORT/JOB: the job to work on.", Required = true };
        var lease = new Option<double>("--lease-seconds") { Description = "How long a silent worker's shard waits before another worker claims it.", DefaultValueFactory = _ => 30 };
        var maxDeliveries = new Option<int>("--max-deliveries") { Description = "How many times a shard may be handed out before it goes to the dead-letter stream.", DefaultValueFactory = _ => 3 };
        var runtime = CommonOptions.Runtime();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();

        // For the checks of failure handling: a pause before each shard is scored, so that a worker can be killed mid-shard.
        var delay = new Option<int>("--debug-shard-delay-ms") { Hidden = true, DefaultValueFactory = _ => 0 };
        var command = new Command("worker", "Score the shards of a job submitted with `sentimentkit score --queue`, until the job is complete.")
        {
            model, queue, lease, maxDeliveries, runtime, device, json, verbose, delay,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var address = RedisQueueAddress.Parse(result.GetValue(queue)!);
            var seconds = result.GetValue(lease);
            if (!double.IsFinite(seconds) || seconds <= 0)
            {
                throw new UsageException($"--lease-seconds must be a positive number (got {seconds}).");
            }

            NativeAllocator.KeepLargeBlocksMapped();
            using var trimming = NativeAllocator.TrimPeriodically(TimeSpan.FromSeconds(10));
            var options = new ScoringWorkerOptions { LeaseTime = TimeSpan.FromSeconds(seconds), MaxDeliveries = result.GetValue(maxDeliveries) };
            using var logging = CommonOptions.Logging(result.GetValue(verbose));
            var loader = PredictorLoaders.For(result.GetValue(runtime)!, CommonOptions.ParseDevice(result.GetValue(device)!));
            if (result.GetValue(delay) is > 0 and var pause)
            {
                loader = new DelayedPredictorLoader(loader, TimeSpan.FromMilliseconds(pause));
            }

            var summary = await new ScoringWorker(loader, logging.CreateLogger("SentimentKit.Scoring")).RunAsync(result.GetValue(model)!, address, options, cancellationToken).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                Output.WriteJson(new JsonObject
                {
                    ["worker"] = summary.Name,
                    ["shards"] = summary.ShardsScored,
                    ["texts"] = summary.TextsScored,
                    ["dead_lettered"] = summary.ShardsDeadLettered,
                    ["redis_seconds"] = Math.Round(summary.RedisTime.TotalSeconds, 3),
                    ["shard_redis_seconds"] = Math.Round(summary.ShardRedisTime.TotalSeconds, 3),
                    ["scoring_seconds"] = Math.Round(summary.ScoringTime.TotalSeconds, 3),
                });
            }
            else
            {
                Console.Error.WriteLine($"sentimentkit: job {address.Job} is complete; this worker scored {summary.ShardsScored} shards ({summary.TextsScored:N0} texts), dead-lettered {summary.ShardsDeadLettered}.");
            }

            return 0;
        });
        return command;
    }
}
