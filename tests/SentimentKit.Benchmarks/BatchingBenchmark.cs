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
    /// <summary>Runs the benchmark.</summary>
    /// <param name="arguments">The options after the verb: data, steps, warmup, batch-size, max-tokens, threads, seed, limit.</param>
    /// <returns>The process exit code: 0 success.</returns>
    internal static int Run(VerbOptions arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var data = arguments.Get("data");
        var steps = arguments.GetInt("steps", 30);
        var warmup = arguments.GetInt("warmup", 3);
        var batchSize = arguments.GetInt("batch-size", 64);
        var maxTokens = arguments.GetInt("max-tokens", 400);
        var threads = arguments.GetInt("threads", 2);
        var seed = arguments.GetInt("seed", 0);
        var limit = arguments.GetInt("limit", int.MaxValue);
        data = ImdbData.Locate(data);

        torch.set_num_threads(threads);
        torch.manual_seed(seed);

        var clock = Stopwatch.StartNew();
        var (texts, labels) = ReadTrainSplit(data, limit);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal) { ["<pad>"] = 0, ["<unk>"] = 1 };
        var encoded = texts.Select(t => Encode(t, vocabulary)).ToArray();
        var encodeSeconds = clock.Elapsed.TotalSeconds;

        // The notebook's ids[:max_len] truncation.
        var options = new RnnClassifierOptions { VocabularySize = vocabulary.Count, MaxTokens = maxTokens, Truncation = TruncationStrategy.Head };
        var padder = new SequencePadder(new PaddingOptions { MaxTokens = maxTokens, Truncation = TruncationStrategy.Head });
        var lengths = encoded.Select(ids => padder.GetPaddedLength(ids.Length)).ToArray();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"reviews={encoded.Length} vocab={vocabulary.Count} load={loadSeconds:F1}s encode={encodeSeconds:F1}s max_tokens={maxTokens} mean_len={lengths.Average():F1} threads={threads} batch={batchSize} warmup={warmup} steps={steps} torch={torch.__version__}"));

        IBatchSampler[] samplers =
        [
            new ShuffledBatchSampler(lengths, batchSize, seed),
            new BucketBatchSampler(lengths, batchSize, seed),
        ];
        var runs = samplers.Select(sampler => new SamplerRun(sampler, options, seed, warmup, steps, lengths)).ToArray();
        try
        {
            // The steps of the two samplers alternate, so that both see the same load on a shared machine.
            for (var round = 0; round < warmup + steps; round++)
            {
                foreach (var run in runs)
                {
                    run.Step(round, encoded, labels);
                }

                if (round >= warmup)
                {
                    Console.Error.WriteLine($"after {round - warmup + 1} timed rounds:");
                    foreach (var run in runs)
                    {
                        Console.Error.WriteLine(run.Summary());
                    }
                }
            }

            foreach (var run in runs)
            {
                Console.WriteLine(run.Summary());
            }
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }
        }

        return 0;
    }

    internal static void Step(RnnClassifier model, optim.Optimizer optimizer, int[] indices, int[][] encoded, int[] labels)
    {
        using var scope = torch.NewDisposeScope();
        using var batch = model.CreateBatch(indices.Select(i => encoded[i]).ToArray(), indices.Select(i => labels[i]).ToArray());
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.ForwardBatch(batch), batch.Labels!);
        loss.backward();
        nn.utils.clip_grad_norm_(model.parameters(), 1.0);
        optimizer.step();
    }

    // One sampler's model, optimizer, batches and running totals.
    private sealed class SamplerRun : IDisposable
    {
        private readonly RnnClassifier _model;
        private readonly optim.Optimizer _optimizer;
        private readonly IReadOnlyList<int[]> _batches;
        private readonly int _warmup;
        private readonly string _name;
        private readonly PaddingStatistics _epoch;
        private readonly int[] _lengths;
        private readonly Stopwatch _clock = new();
        private int _timedSteps;
        private int _samples;
        private long _tokens;
        private long _slots;

        public SamplerRun(IBatchSampler sampler, RnnClassifierOptions options, int seed, int warmup, int steps, int[] lengths)
        {
            // Every sampler starts from the same weights.
            torch.manual_seed(seed);
            _model = new RnnClassifier(options);
            _model.train();
            _optimizer = optim.Adam(_model.parameters(), lr: 1e-3);
            _batches = sampler.GetBatches(0);
            _warmup = warmup;
            _lengths = lengths;
            _name = sampler is BucketBatchSampler ? "bucketed" : "shuffled";
            _epoch = sampler.GetPaddingStatistics(0);
            if (_batches.Count < warmup + steps)
            {
                throw new ArgumentException($"An epoch has {_batches.Count} batches, fewer than warm-up + steps ({warmup + steps}).");
            }
        }

        public void Step(int round, int[][] encoded, int[] labels)
        {
            var indices = _batches[round];
            var timed = round >= _warmup;
            if (timed)
            {
                _clock.Start();
            }

            BatchingBenchmark.Step(_model, _optimizer, indices, encoded, labels);
            if (timed)
            {
                _clock.Stop();
                _timedSteps++;
                _samples += indices.Length;
                _tokens += indices.Sum(i => (long)_lengths[i]);
                _slots += (long)indices.Length * indices.Max(i => _lengths[i]);
            }
        }

        public string Summary()
        {
            var seconds = _clock.Elapsed.TotalSeconds;
            var timedPadding = new PaddingStatistics(_tokens, _slots);
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{_name,-8}: {(seconds > 0 ? _samples / seconds : 0),6:F1} samples/s  {(seconds > 0 ? _tokens / seconds : 0),7:F0} tokens/s  {seconds / Math.Max(_timedSteps, 1),6:F2} s/step  padding efficiency: epoch {_epoch.Efficiency:P1}, timed batches {timedPadding.Efficiency:P1}  ({_timedSteps} timed steps, {_samples} samples, {_tokens} tokens, {seconds:F1} s; {_batches.Count} batches/epoch)");
        }

        public void Dispose()
        {
            _optimizer.Dispose();
            _model.Dispose();
        }
    }

    private static (string[] Texts, int[] Labels) ReadTrainSplit(string path, int limit)
    {
        var examples = ImdbData.Load(path, SentimentKit.Data.ImdbSplit.Train).Examples;

        // The archive lists pos and neg apart; a seeded shuffle mixes them before any limit.
        var order = Enumerable.Range(0, examples.Count).ToArray();
        new Random(12345).Shuffle(order);
        order = order.Take(limit).ToArray();
        return (order.Select(i => examples[i].Text).ToArray(), order.Select(i => examples[i].Label == "pos" ? 1 : 0).ToArray());
    }

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
