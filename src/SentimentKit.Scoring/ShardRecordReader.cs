using SentimentKit.Data;

namespace SentimentKit.Scoring;

/// <summary>Reads exactly the records of one shard: those that start in its byte range.</summary>
public static class ShardRecordReader
{
    /// <summary>Reads a shard's records, in file order.</summary>
    /// <param name="shard">The shard.</param>
    /// <param name="options">How its file is read (the options the shard was planned with).</param>
    /// <returns>The records, numbered from <see cref="ShardDescriptor.FirstRecord"/>.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist (here).</exception>
    /// <exception cref="DataFormatException">A record is malformed, or the file changed since the shard was planned.</exception>
    public static IEnumerable<ScoringRecord> Read(ShardDescriptor shard, ScoringJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(options);
        return ReadChecked(shard, options);
    }

    private static IEnumerable<ScoringRecord> ReadChecked(ShardDescriptor shard, ScoringJobOptions options)
    {
        var number = shard.FirstRecord;
        foreach (var scanned in RecordScanner.Scan(shard.File, options, shard.Start, shard.End, shard.FirstLine, keepText: true))
        {
            yield return new ScoringRecord(number++, scanned.Line, scanned.Id, scanned.Text!);
        }

        var read = number - shard.FirstRecord;
        if (read != shard.RecordCount)
        {
            throw new DataFormatException(shard.File, shard.FirstLine, null, $"{shard} holds {read} records where {shard.RecordCount} were planned: the file changed since the job was planned.");
        }
    }
}
