using System.Text.Json.Nodes;

namespace SentimentKit.Scoring;

/// <summary>How a job ended: what was scored, what failed, and where the results are.</summary>
public sealed class ScoringSummary
{
    internal ScoringSummary(string mode, long textCount, int shardCount, int shardsReused, IReadOnlyList<ShardFailure> failures, IReadOnlyDictionary<string, long> labelCounts, TimeSpan elapsed, string? resultsPath, string summaryPath)
    {
        Mode = mode;
        TextCount = textCount;
        ShardCount = shardCount;
        ShardsReused = shardsReused;
        Failures = failures;
        LabelCounts = labelCounts;
        Elapsed = elapsed;
        ResultsPath = resultsPath;
        SummaryPath = summaryPath;
    }

    /// <summary>Gets where the job ran: <c>local</c> or <c>redis</c>.</summary>
    public string Mode { get; }

    /// <summary>Gets the number of texts in the job.</summary>
    public long TextCount { get; }

    /// <summary>Gets the number of shards in the job.</summary>
    public int ShardCount { get; }

    /// <summary>Gets how many shards an earlier run had finished already (not scored again).</summary>
    public int ShardsReused { get; }

    /// <summary>Gets the shards that were given up on; empty when the job succeeded.</summary>
    public IReadOnlyList<ShardFailure> Failures { get; }

    /// <summary>Gets the number of texts per predicted label (all texts when the job succeeded).</summary>
    public IReadOnlyDictionary<string, long> LabelCounts { get; }

    /// <summary>Gets how long this run took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Gets the combined results (JSON Lines in input order), or <see langword="null"/> when shards failed and none was written.</summary>
    public string? ResultsPath { get; }

    /// <summary>Gets the path of <c>summary.json</c>.</summary>
    public string SummaryPath { get; }

    /// <summary>Gets a value indicating whether every shard was scored.</summary>
    public bool Succeeded => Failures.Count == 0;

    /// <summary>The summary as JSON (what <c>summary.json</c> holds).</summary>
    /// <returns>A JSON object.</returns>
    public JsonObject ToJson()
    {
        var labels = new JsonObject();
        foreach (var (label, count) in LabelCounts)
        {
            labels[label] = count;
        }

        var failures = new JsonArray();
        foreach (var failure in Failures)
        {
            failures.Add(new JsonObject
            {
                ["shard"] = failure.Shard.Index,
                ["file"] = failure.Shard.File,
                ["start"] = failure.Shard.Start,
                ["end"] = failure.Shard.End,
                ["first_record"] = failure.Shard.FirstRecord,
                ["records"] = failure.Shard.RecordCount,
                ["deliveries"] = failure.Deliveries,
                ["reason"] = failure.Reason,
            });
        }

        return new JsonObject
        {
            ["succeeded"] = Succeeded,
            ["mode"] = Mode,
            ["texts"] = TextCount,
            ["shards"] = ShardCount,
            ["shards_reused"] = ShardsReused,
            ["failed_shards"] = failures,
            ["labels"] = labels,
            ["seconds"] = Math.Round(Elapsed.TotalSeconds, 3),
            ["results"] = ResultsPath,
            ["summary"] = SummaryPath,
        };
    }
}
