using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using SentimentKit.Data;
using SentimentKit.Devices;

namespace SentimentKit.Benchmarks;

/// <summary>
/// Serving on the CPU with the recommended BiLSTM and the baseline: one prediction of a
/// 230-token review (latency; BenchmarkDotNet reports the median and P95) and batch prediction
/// of 256 reviews (throughput). The models are trained briefly on IMDB in the setup: their
/// accuracy does not matter here, only their size.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LatencyColumns))]
public class PredictionBenchmarks
{
    private SentimentPredictor _predictor = null!;
    private string _review = string.Empty;
    private string[] _batch = [];

    /// <summary>Gets or sets the model kind.</summary>
    [Params(ModelKind.BiLstm, ModelKind.NGrams)]
    public ModelKind Kind { get; set; }

    /// <summary>Trains a model of the recommended size on 2,000 reviews for one epoch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchBackend.SetCpuThreads(Environment.ProcessorCount);
        var examples = ImdbData.Load(ImdbData.Locate(), ImdbSplit.Train).Examples;
        _predictor = ServingFixture.TrainSmall(examples, Kind);
        _review = ServingFixture.MedianReview(examples);
        _batch = [.. examples.Where((_, i) => i % 97 == 0).Take(256).Select(e => e.Text)];
    }

    /// <summary>Releases the model.</summary>
    [GlobalCleanup]
    public void Cleanup() => _predictor.Model.Dispose();

    /// <summary>One prediction of a 230-token review.</summary>
    /// <returns>The prediction.</returns>
    [Benchmark]
    public SentimentPrediction PredictOne() => _predictor.Predict(_review);

    /// <summary>256 reviews in one call (length-bucketed inside).</summary>
    /// <returns>The predictions.</returns>
    [Benchmark(OperationsPerInvoke = 256)]
    public IReadOnlyList<SentimentPrediction> PredictBatch256() => _predictor.PredictBatch(_batch);
}

/// <summary>Adds the P95 column to the default summary.</summary>
internal sealed class LatencyColumns : ManualConfig
{
    public LatencyColumns() => AddColumn(StatisticColumn.P95);
}
