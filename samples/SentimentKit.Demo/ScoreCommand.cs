using System.CommandLine;
using SentimentKit.Scoring;

namespace SentimentKit.Demo;

/// <summary>
/// <c>sentimentkit score</c>: scores input files into an output folder, in this process over all cores, or with
/// <c>--queue</c> through a Redis stream that <c>sentimentkit worker</c> processes on any machine take shards from.
/// Exit 0 when every shard is scored, 1 when some were dead-lettered (listed on stderr), 2 for bad input.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var data = new DataArguments();
        var model = new Option<string>("--model") { Description = "The model file (.skm).", Required = true };
        var inputs = new Option<string[]>("--input") { Description = "Input files: CSV/TSV with a header, JSON Lines, or plain text (one text per line).", Required = true, AllowMultipleArgumentsPerToken = true };
        var format = CommonOptions.OneOf(CommonOptions.Choice("--format", "csv, tsv, jsonl or text; auto goes by each file's extension (.csv, .tsv, .jsonl, else text).", "auto"), ["auto", "csv", "tsv", "jsonl", "text"]);
        var idColumn = new Option<string?>("--id-column") { Description = "A column or field that names each record in the results (by default file and line do)." };
        var output = new Option<string>("--out") { Description = "The job's folder: shards/, then results.jsonl (input order) and summary.json. A rerun with the same folder resumes.", Required = true };
        var shardSize = new Option<int>("--shard-size") { Description = "Texts per shard.", DefaultValueFactory = _ => ScoringJobOptions.DefaultShardSize };
        var queue = new Option<string?>("--queue") { Description = "redis://HOST:PORT/JOB: put the shards on a Redis stream for `sentimentkit worker` processes instead of scoring here." };
        var parallel = new Option<int>("--parallel") { Description = "Shards scored at once without --queue (0: one per core).", DefaultValueFactory = _ => 0 };
        var runtime = CommonOptions.Runtime();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("score", "Score input files in shards, here over all cores or across machines with --queue.")
        {
            model, inputs, format, data.TextColumn, idColumn, data.TsvQuoting, data.MaxTextBytes, output, shardSize, queue, parallel, runtime, device, json, verbose,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new ScoringJobOptions
            {
                Format = result.GetValue(format) switch
                {
                    "csv" => ScoringFormat.Csv,
                    "tsv" => ScoringFormat.Tsv,
                    "jsonl" => ScoringFormat.JsonLines,
                    "text" => ScoringFormat.Text,
                    _ => ScoringFormat.Auto,
                },
                TextColumn = result.GetValue(data.TextColumn)!,
                IdColumn = result.GetValue(idColumn),
                TsvQuoting = result.GetValue(data.TsvQuoting),
                MaxTextBytes = result.GetValue(data.MaxTextBytes),
                ShardSize = result.GetValue(shardSize),
                MaxDegreeOfParallelism = result.GetValue(parallel),
            };
            var address = result.GetValue(queue) is { } text ? RedisQueueAddress.Parse(text) : null;
            using var logging = CommonOptions.Logging(result.GetValue(verbose));
            var loader = PredictorLoaders.For(result.GetValue(runtime)!, CommonOptions.ParseDevice(result.GetValue(device)!));
            var job = new ScoringJob(loader, logging.CreateLogger("SentimentKit.Scoring"));
            var progress = new ScoringProgressLine();
            var modelPath = result.GetValue(model)!;
            var files = result.GetValue(inputs)!;
            var folder = result.GetValue(output)!;
            var summary = address is null
                ? await job.RunAsync(modelPath, files, folder, options, progress, cancellationToken).ConfigureAwait(false)
                : await job.SubmitAsync(address, modelPath, files, folder, options, progress, cancellationToken).ConfigureAwait(false);
            progress.End();
            foreach (var failure in summary.Failures)
            {
                Console.Error.WriteLine($"sentimentkit: dead-lettered after {failure.Deliveries} deliveries: {failure.Shard}: {failure.Reason}");
            }

            if (result.GetValue(json))
            {
                Output.WriteJson(summary.ToJson());
            }
            else if (summary.Succeeded)
            {
                var labels = string.Join(", ", summary.LabelCounts.Select(p => $"{p.Key} {p.Value:N0}"));
                Console.WriteLine($"{summary.TextCount:N0} texts in {summary.ShardCount} shards ({summary.ShardsReused} from an earlier run), {summary.Elapsed.TotalSeconds:F1} s: {labels}");
                Console.WriteLine($"results: {summary.ResultsPath}");
            }

            if (!summary.Succeeded)
            {
                Console.Error.WriteLine($"sentimentkit: {summary.Failures.Count} of {summary.ShardCount} shards failed; no combined output was written (summary: {summary.SummaryPath}).");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
