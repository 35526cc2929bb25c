using SentimentKit.Data;

namespace SentimentKit.Scoring;

/// <summary>
/// Cuts input files into shards of <see cref="ScoringJobOptions.ShardSize"/> records by byte range, at record
/// boundaries as the loaders see them (a quoted CSV field with line breaks is one record). Each file is scanned once,
/// without decoding its texts; files are scanned in parallel.
/// </summary>
public static class ShardPlanner
{
    /// <summary>Plans a job.</summary>
    /// <param name="inputs">The input files, in the order of the combined output.</param>
    /// <param name="options">How to read them and how many records a shard holds.</param>
    /// <param name="modelSha256">The SHA-256 of the model file, carried by every shard.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="FileNotFoundException">An input file does not exist.</exception>
    /// <exception cref="DataFormatException">A file is compressed, lacks the text column, has a malformed record, or no file holds a record.</exception>
    public static ScoringPlan Plan(IReadOnlyList<string> inputs, ScoringJobOptions options, string modelSha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(modelSha256);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("At least one input file is needed.", nameof(inputs));
        }

        options.Validate();
        var files = inputs.Select(Path.GetFullPath).ToArray();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw Directory.Exists(file)
                    ? new DataFormatException($"'{file}' is a folder; batch scoring reads files.")
                    : new FileNotFoundException($"'{file}' does not exist.", file);
            }

            RecordScanner.CheckNotCompressed(file);
        }

        var perFile = new List<(long Start, int Line, long Record, int Count)>[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => perFile[i] = Cut(files[i], options, cancellationToken));

        var shards = new List<ShardDescriptor>();
        long texts = 0;
        for (var f = 0; f < files.Length; f++)
        {
            var cuts = perFile[f];
            var length = new FileInfo(files[f]).Length;
            for (var c = 0; c < cuts.Count; c++)
            {
                var end = c + 1 < cuts.Count ? cuts[c + 1].Start : length;
                shards.Add(new ShardDescriptor(shards.Count, files[f], cuts[c].Start, end, cuts[c].Record, cuts[c].Line, cuts[c].Count, modelSha256));
                texts += cuts[c].Count;
            }
        }

        return texts == 0
            ? throw new DataFormatException(files[0], null, null, files.Length == 1 ? "the file holds no texts." : "none of the input files holds a text.")
            : new ScoringPlan(shards, texts);
    }

    private static List<(long Start, int Line, long Record, int Count)> Cut(string file, ScoringJobOptions options, CancellationToken cancellationToken)
    {
        var cuts = new List<(long Start, int Line, long Record, int Count)>();
        long record = 0;
        foreach (var scanned in RecordScanner.Scan(file, options, 0, long.MaxValue, 1, keepText: false))
        {
            if (record % options.ShardSize == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                cuts.Add((scanned.Start, scanned.Line, record + 1, 0));
            }

            record++;
            var last = cuts[^1];
            cuts[^1] = last with { Count = last.Count + 1 };
        }

        return cuts;
    }
}
