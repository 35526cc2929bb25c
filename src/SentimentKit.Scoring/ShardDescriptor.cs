using System.Text.Json.Serialization;

namespace SentimentKit.Scoring;

/// <summary>
/// One shard of a scoring job: a byte range of one input file that starts and ends at record boundaries, so that
/// texts never pass through the queue, only where to find them.
/// </summary>
/// <param name="Index">The shard's place in the job (0-based), which is also the order of the combined output.</param>
/// <param name="File">The input file's full path, as every worker must see it.</param>
/// <param name="Start">The offset of the shard's first record.</param>
/// <param name="End">The offset just past the shard's last record (the next shard's <paramref name="Start"/>).</param>
/// <param name="FirstRecord">The 1-based number of the shard's first record in its file.</param>
/// <param name="FirstLine">The 1-based line where the shard's first record starts.</param>
/// <param name="RecordCount">How many records the shard holds.</param>
/// <param name="ModelSha256">The SHA-256 of the model file the job scores with, which a worker checks against its own.</param>
public sealed record ShardDescriptor(int Index, string File, long Start, long End, long FirstRecord, int FirstLine, int RecordCount, string ModelSha256)
{
    /// <summary>Gets the name of the shard's output file in the job's <c>shards</c> folder.</summary>
    [JsonIgnore]
    public string OutputName => $"{Index:D6}.jsonl";

    /// <inheritdoc/>
    public override string ToString() => $"shard {Index} ({File} bytes {Start}-{End}, records {FirstRecord}-{FirstRecord + RecordCount - 1})";
}
