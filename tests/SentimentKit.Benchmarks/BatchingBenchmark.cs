using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using SentimentKit.Modeling;
using SentimentKit.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Benchmarks;

/// <summary>
/// Training throughput of the default BiLSTM on real IMDB review lengths: the notebook's plain
/// shuffled batches against length-bucketed batches of the same size. Reads the archive itself
/// (the Text and Data layers are separate) with the notebook's lower().split() tokenization.
/// </summary>
public static class BatchingBenchmark
{
    private const string Usage =
        "usage: batching [--data aclImdb_v1.tar.gz] [--steps 30] [--warmup 3] [--batch-size 64] [--max-tokens 400] [--threads 2] [--seed 0] [--limit N]";

    /// <summary>Runs the benchmark.</summary>
    /// <param name="args">The options after the verb.</param>
    /// <returns>The process exit code: 0 success, 2 bad usage or input.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var data = "/work/shared/data/aclImdb_v1.tar.gz";
        int steps = 30, warmup = 3, batchSize = 64, maxTokens = 400, threads = 2, seed = 0, limit = int.MaxValue;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }

            switch (args[i])
            {
                case "--data": data = value; break;
                case "--steps": steps = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--batch-size": batchSize = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--max-tokens": maxTokens = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--limit": limit = int.Parse(value, CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }

            i++;
        }

        if (!File.Exists(data))
        {
            Console.Error.WriteLine($"batching: no such file: {data}");
            return 2;
        }

        torch.set_num_threads(threads);
        torch.manual_seed(seed);

        var clock = Stopwatch.StartNew();
        var (texts, labels) = ReadTrainSplit(data, limit);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal) { ["<pad>"] = 0, ["<unk>"] = 1 };
        var encoded = texts.Select(t => Encode(t, vocabulary)).ToArray();
        var encodeSeconds = clock.Elapsed.TotalSeconds;

        using var model = new RnnClassifier(new RnnClassifierOptions { VocabularySize = vocabulary.Count, MaxTokens = maxTokens, Truncation = TruncationStrategy.Head });
        var lengths = encoded.Select(model.GetLength).ToArray();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"reviews={encoded.Length} vocab={vocabulary.Count} load={loadSeconds:F1}s encode={encodeSeconds:F1}s max_tokens={maxTokens} mean_len={lengths.Average():F1} threads={threads} batch={batchSize} warmup={warmup} steps={steps} torch={torch.__version__}"));

        IBatchSampler[] samplers =
        [
            new ShuffledBatchSampler(lengths, batchSize, seed),
            new BucketBatchSampler(lengths, batchSize, seed),
        ];
        foreach (var sampler in samplers)
        {
            // Each sampler starts from the same weights and optimizer state.
            torch.manual_seed(seed);
            using var fresh = new RnnClassifier(model.Options);
            Measure(fresh, sampler, encoded, labels, warmup, steps);
        }

        return 0;
    }

    private static void Measure(RnnClassifier model, IBatchSampler sampler, int[][] encoded, int[] labels, int warmup, int steps)
    {
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        model.train();
        var batches = sampler.GetBatches(0);
        var epoch = sampler.GetPaddingStatistics(0);
        var timed = batches.Skip(warmup).Take(steps).ToArray();
        var lengths = encoded.Select(model.GetLength).ToArray();
        var timedPadding = PaddingStatistics.Compute(timed, lengths);
        foreach (var batch in batches.Take(warmup))
        {
            Step(model, optimizer, batch, encoded, labels);
        }

        var clock = Stopwatch.StartNew();
        var samples = 0;
        foreach (var batch in timed)
        {
            Step(model, optimizer, batch, encoded, labels);
            samples += batch.Length;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var name = sampler is BucketBatchSampler ? "bucketed" : "shuffled";
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-8}: {samples / seconds,7:F1} samples/s  {timedPadding.RealTokens / seconds,8:F0} tokens/s  {seconds / timed.Length,6:F3} s/step  padding efficiency epoch={epoch.Efficiency:P1} timed={timedPadding.Efficiency:P1}  ({timed.Length} steps, {samples} samples, {seconds:F1}s; {batches.Count} batches/epoch)"));
    }

    private static void Step(RnnClassifier model, optim.Optimizer optimizer, int[] indices, int[][] encoded, int[] labels)
    {
        using var scope = torch.NewDisposeScope();
        using var batch = model.CreateBatch(indices.Select(i => encoded[i]).ToArray(), indices.Select(i => labels[i]).ToArray());
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.ForwardBatch(batch), batch.Labels!);
        loss.backward();
        nn.utils.clip_grad_norm_(model.parameters(), 1.0);
        optimizer.step();
    }

    private static (string[] Texts, int[] Labels) ReadTrainSplit(string path, int limit)
    {
        var texts = new List<string>();
        var labels = new List<int>();
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            var parts = entry.Name.Split('/');
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                || parts.Length != 4
                || parts[1] != "train"
                || (parts[2] != "pos" && parts[2] != "neg")
                || entry.DataStream is null)
            {
                continue;
            }

            using var text = new StreamReader(entry.DataStream, Encoding.UTF8);
            texts.Add(text.ReadToEnd());
            labels.Add(parts[2] == "pos" ? 1 : 0);
        }

        // The archive lists pos and neg apart; a seeded shuffle mixes them before any limit.
        var order = Enumerable.Range(0, texts.Count).ToArray();
        new Random(12345).Shuffle(order);
        order = order.Take(limit).ToArray();
        return (order.Select(i => texts[i]).ToArray(), order.Select(i => labels[i]).ToArray());
    }

    // The notebook's text.lower().split() and a growing dictionary.
    private static int[] Encode(string text, Dictionary<string, int> vocabulary)
    {
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var ids = new int[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (!vocabulary.TryGetValue(words[i], out var id))
            {
                id = vocabulary.Count;
                vocabulary[words[i]] = id;
            }

            ids[i] = id;
        }

        return ids;
    }
}
