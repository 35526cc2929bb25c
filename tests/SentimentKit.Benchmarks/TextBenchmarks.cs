using BenchmarkDotNet.Attributes;
using SentimentKit.Data;
using SentimentKit.Text;

namespace SentimentKit.Benchmarks;

/// <summary>The text layer on the IMDB training reviews: single-thread encoding, and building the vocabulary.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TextBenchmarks
{
    private string[] _texts = [];
    private string[] _normalized = [];
    private TextEncoder _encoder = null!;
    private readonly List<int> _ids = new(4096);

    /// <summary>Loads the reviews and builds the vocabulary once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _texts = [.. ImdbData.Load(ImdbData.Locate(), ImdbSplit.Train).Examples.Select(e => e.Text)];
        _encoder = TextEncoder.Fit(_texts);
        _normalized = [.. _texts.Select(_encoder.Normalizer.Normalize)];
    }

    /// <summary>Normalize, tokenize and encode every raw review, one thread.</summary>
    /// <returns>The number of tokens.</returns>
    [Benchmark]
    public long NormalizeTokenizeEncode()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            _ids.Clear();
            total += _encoder.Encode(text, _ids);
        }

        return total;
    }

    /// <summary>Tokenize and encode every pre-normalized review, one thread.</summary>
    /// <returns>The number of tokens.</returns>
    [Benchmark(Baseline = true)]
    public long TokenizeEncodeNormalized()
    {
        long total = 0;
        foreach (var text in _normalized)
        {
            _ids.Clear();
            total += _encoder.EncodeNormalized(text, _ids);
        }

        return total;
    }

    /// <summary>Build the vocabulary over the 25k training reviews (parallel counting).</summary>
    /// <returns>The vocabulary size.</returns>
    [Benchmark]
    public int BuildVocabulary() => Vocabulary.Build(_texts).Count;
}
