using System.Security.Cryptography;
using System.Text.Json;

namespace SentimentKit.Scoring;

/// <summary>
/// What a job is (<c>job.json</c> in its output folder, and the spec on the queue): the model's SHA-256, the reading
/// options, the input files with their sizes and times, and the shards. A rerun with the same identity reuses the
/// plan and the finished shards; another identity in the same folder is refused rather than mixed.
/// </summary>
internal sealed record JobManifest(int FormatVersion, string ModelSha256, JobReadOptions Options, IReadOnlyList<JobInput> Inputs, long TextCount, IReadOnlyList<ShardDescriptor> Shards)
{
    public const int CurrentFormat = 1;

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    /// <summary>The manifest without its shards: what decides whether two runs are the same job.</summary>
    public string Identity() => JsonSerializer.Serialize(this with { Shards = [], TextCount = 0 }, Json);

    public static JobManifest Create(string modelSha256, ScoringJobOptions options, IReadOnlyList<string> inputs) => new(
        CurrentFormat,
        modelSha256,
        JobReadOptions.From(options),
        [.. inputs.Select(Path.GetFullPath).Select(p => File.Exists(p) ? new JobInput(p, new FileInfo(p).Length, File.GetLastWriteTimeUtc(p).Ticks) : new JobInput(p, -1, 0))],
        0,
        []);

    public static string Sha256Of(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>The reading options of a job, as stored (no parallelism: that is each machine's own).</summary>
internal sealed record JobReadOptions(ScoringFormat Format, string TextColumn, string? IdColumn, bool TsvQuoting, int MaxTextBytes, int ShardSize)
{
    public static JobReadOptions From(ScoringJobOptions o) => new(o.Format, o.TextColumn, o.IdColumn, o.TsvQuoting, o.MaxTextBytes, o.ShardSize);

    public ScoringJobOptions ToOptions() => new()
    {
        Format = Format,
        TextColumn = TextColumn,
        IdColumn = IdColumn,
        TsvQuoting = TsvQuoting,
        MaxTextBytes = MaxTextBytes,
        ShardSize = ShardSize,
    };
}

/// <summary>An input file as the job saw it.</summary>
internal sealed record JobInput(string Path, long Size, long ModifiedTicks);
