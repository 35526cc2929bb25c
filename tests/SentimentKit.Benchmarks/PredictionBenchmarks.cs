using BenchmarkDotNet.Attributes;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Text;

namespace SentimentKit.Benchmarks;

/// <summary>
/// Serving on the CPU with the recommended BiLSTM and the baseline: one prediction of a
/// 230-token review (latency; BenchmarkDotNet reports the median and P95) and batch prediction
/// of 256 reviews (throughput). The models are trained briefly on IMDB in the setup: their
/// accuracy does not matter here, only their size.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PredictionBenchmarks
{
    private SentimentPredictor _predictor = null!;
    private string _review = string.Empty;
    private string[] _batch = [];

    /// <summary>Gets or sets the model kind.</summary>
    [Params(ModelKind.BiLstm, ModelKind.Baseline)]
    public ModelKind Kind { get; set; }

    /// <summary>Trains a model of the recommended size on 2,000 reviews for one epoch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchBackend.SetCpuThreads(Environment.ProcessorCount);
        var examples = ImdbData.Load(ImdbData.Locate(), ImdbSplit.Train).Examples;
        var sample = examples.Where((_, i) => i % 12 == 0).ToArray();
        var options = SentimentTrainerOptions.Recommended(Kind);
        options.Device = DevicePreference.Cpu;
        options.Trainer.Epochs = 1;
        options.Calibrate = false;
        _predictor = new SentimentTrainer(options).Train(sample).CreatePredictor();

        // A review of about 230 tokens, the IMDB median.
        _review = examples.Select(e => e.Text).First(t => WordTokenizer.Instance.Tokenize(TextNormalizer.Default.Normalize(t)).Count is >= 225 and <= 235);
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
