using System.Diagnostics;
using System.Globalization;
using System.Text;
using SentimentKit.Data;
using SentimentKit.Text;

namespace SentimentKit.Benchmarks;

/// <summary>
/// The <c>text</c> verb: quick single-thread throughput of the text layer on the IMDB training reviews,
/// with a Stopwatch loop (a second of warm-up, then several timed repetitions; the best and the median are printed).
/// </summary>
internal static class TextThroughputCommand
{
    public static int Run(VerbOptions options)
    {
        var path = ImdbData.Locate(options.Get("data"));
        var reps = options.GetInt("reps", 5);

        var watch = Stopwatch.StartNew();
        var loaded = ImdbData.Load(path, ImdbSplit.Train);
        var loadSeconds = watch.Elapsed.TotalSeconds;
        var texts = loaded.Examples.Select(e => e.Text).ToArray();
        Print($"loaded {texts.Length:N0} train reviews from {path} in {loadSeconds:F2} s");

        watch.Restart();
        var vocabulary = Vocabulary.Build(texts);
        Print($"vocabulary: {vocabulary.Count:N0} entries built in {watch.Elapsed.TotalSeconds:F2} s ({Environment.ProcessorCount} threads)");

        var encoder = new TextEncoder(vocabulary);
        var normalized = texts.Select(encoder.Normalizer.Normalize).ToArray();
        var rawBytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        var normalizedBytes = normalized.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        Print($"text: {rawBytes / 1e6:F1} MB raw UTF-8, {normalizedBytes / 1e6:F1} MB normalized");

        var ids = new List<int>(4096);
        long tokens = 0;
        Measure("normalize+tokenize+encode (raw text)", rawBytes, reps, () =>
        {
            tokens = 0;
            foreach (var text in texts)
            {
                ids.Clear();
                tokens += encoder.Encode(text, ids);
            }
        });
        Measure("tokenize+encode (pre-normalized text)", normalizedBytes, reps, () =>
        {
            foreach (var text in normalized)
            {
                ids.Clear();
                encoder.EncodeNormalized(text, ids);
            }
        });
        Measure("normalize only (raw text)", rawBytes, reps, () =>
        {
            foreach (var text in texts)
            {
                encoder.Normalizer.Normalize(text);
            }
        });
        Measure("tokenize only (pre-normalized text)", normalizedBytes, reps, () =>
        {
            foreach (var text in normalized)
            {
                WordTokenizer.Instance.CountTokens(text);
            }
        });
        watch.Restart();
        var featurizer = NGramFeaturizer.Fit(texts, new NGramFeaturizerOptions { MaxNGramLength = 2, MinDocumentFrequency = 2 });
        var fitSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var documents = featurizer.Transform((IReadOnlyList<string>)texts);
        Print($"tf-idf uni+bigrams (min df 2): {featurizer.FeatureCount:N0} features, fit {fitSeconds:F2} s, transform {watch.Elapsed.TotalSeconds:F2} s ({documents.Length:N0} docs, {Environment.ProcessorCount} threads)");
        using (var json = new MemoryStream())
        {
            watch.Restart();
            featurizer.Save(json);
            var saveSeconds = watch.Elapsed.TotalSeconds;
            json.Position = 0;
            watch.Restart();
            NGramFeaturizer.Load(json);
            Print($"tf-idf featurizer JSON: {json.Length / 1e6:F1} MB, save {saveSeconds:F2} s, load {watch.Elapsed.TotalSeconds:F2} s");
        }

        Print($"tokens: {tokens:N0}; out-of-vocabulary rate on train: {encoder.OutOfVocabularyRate(texts.Take(1000)):P2}");
        return 0;
    }

    /// <summary>Times <paramref name="action"/> (after a second of warm-up), prints best and median MB/s and returns the best.</summary>
    internal static double Measure(string name, long bytes, int reps, Action action)
    {
        // Warm up long enough for tiered compilation to settle on optimized code.
        var warmup = Stopwatch.StartNew();
        do
        {
            action();
        }
        while (warmup.Elapsed < TimeSpan.FromSeconds(1));

        var seconds = new double[reps];
        for (var r = 0; r < reps; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            seconds[r] = watch.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        var best = bytes / 1e6 / seconds[0];
        var median = bytes / 1e6 / seconds[reps / 2];
        Print($"{name,-40} best {best,7:F1} MB/s   median {median,7:F1} MB/s   ({reps} reps, 1 thread)");
        return best;
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
