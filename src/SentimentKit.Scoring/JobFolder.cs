using System.Text.Json;

namespace SentimentKit.Scoring;

/// <summary>
/// A job's output folder: <c>job.json</c>, <c>shards/NNNNNN.jsonl</c> (one per shard), and at the end
/// <c>results.jsonl</c> (every result in input order) and <c>summary.json</c>. Every file is written atomically.
/// </summary>
internal sealed class JobFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string ManifestPath => System.IO.Path.Combine(Path, "job.json");

    public string ShardsPath => System.IO.Path.Combine(Path, "shards");

    public string ResultsPath => System.IO.Path.Combine(Path, "results.jsonl");

    public string SummaryPath => System.IO.Path.Combine(Path, "summary.json");

    public string ShardPath(ShardDescriptor shard) => System.IO.Path.Combine(ShardsPath, shard.OutputName);

    /// <summary>The plan of this job: the one saved here when it is the same job, else a new one (saved).</summary>
    /// <exception cref="ScoringJobException">The folder holds another job's results.</exception>
    public JobManifest PlanOrResume(JobManifest identity, ScoringJobOptions options, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        var saved = Read();
        if (saved is not null)
        {
            if (saved.Identity() == identity.Identity())
            {
                return saved;
            }

            throw new ScoringJobException($"--out '{Path}' holds the results of another job (other model, inputs or options); use a new folder or delete it.");
        }

        var plan = ShardPlanner.Plan(inputs, options, identity.ModelSha256, cancellationToken);
        var manifest = identity with { TextCount = plan.TextCount, Shards = plan.Shards };
        Directory.CreateDirectory(ShardsPath);
        AtomicFile.Write(ManifestPath, s => JsonSerializer.Serialize(s, manifest, JobManifest.Json));
        return manifest;
    }

    private JobManifest? Read()
    {
        if (!File.Exists(ManifestPath))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(ManifestPath);
            return JsonSerializer.Deserialize<JobManifest>(stream, JobManifest.Json);
        }
        catch (JsonException e)
        {
            throw new ScoringJobException($"'{ManifestPath}' is not a job manifest ({e.Message}); use a new folder or delete it.", e);
        }
    }
}
