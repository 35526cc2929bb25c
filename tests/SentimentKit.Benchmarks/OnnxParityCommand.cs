using System.Diagnostics;
using System.Globalization;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Onnx;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>onnx</c>: the libtorch-free runtime against TorchSharp on IMDB, in one run and with the same threads. Per
/// model (the recommended BiLSTM, GRU and — with <c>--models transformer</c> — all-MiniLM-L6-v2 fine-tuned, each
/// trained briefly on a subset of the train reviews, the NB-trigram model on all of them, each calibrated as training
/// decides): parity over the test reviews (max |p_onnx − p_torch| and
/// label disagreements, the ONNX side scored from the exported <c>.onnx</c>), then single-review latency (a
/// 230-token review, every call timed) and a batch of 256 reviews, per review.
/// </summary>
internal static class OnnxParityCommand
{
    public static int Run(VerbOptions options)
    {
        var threads = options.GetInt("threads", Environment.ProcessorCount);
        var limit = options.GetInt("limit", 2_000);
        var epochs = options.GetInt("epochs", 1);
        var calls = options.GetInt("calls", 300);
        var testLimit = options.GetInt("test-limit", int.MaxValue);
        var models = (options.Get("models") ?? "bilstm,gru,nbsvm").Split(',');
        TorchBackend.SetCpuThreads(threads);
        var data = ImdbData.Locate(options.Get("data"));
        var train = ImdbData.Load(data, ImdbSplit.Train).Examples;
        var test = ImdbData.Load(data, ImdbSplit.Test).Examples.Take(testLimit).ToArray();
        var testTexts = test.Select(e => e.Text).ToArray();
        var review = ServingFixture.MedianReview(train);
        var batch = testTexts.Take(256).ToArray();
        var folder = Directory.CreateTempSubdirectory("sentimentkit-onnx-bench").FullName;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"onnx: {threads} threads for both runtimes; RNNs trained on {limit} train reviews for {epochs} epoch(s), NB-trigram on all {train.Count}; parity over {test.Length} test reviews"));
        try
        {
            foreach (var name in models)
            {
                var skm = Path.Combine(folder, name + ".skm");
                var onnxPath = Path.Combine(folder, name + ".onnx");
                var clock = Stopwatch.StartNew();
                using (var model = Train(name, train, limit, epochs))
                {
                    model.Save(skm);
                    model.ExportOnnx(onnxPath);
                }

                var trainSeconds = clock.Elapsed.TotalSeconds;
                using var torchPredictor = SentimentPredictor.Load(skm, DevicePreference.Cpu);
                using var onnxPredictor = OnnxSentimentPredictor.Load(onnxPath, new OnnxRuntimeOptions { IntraOpThreads = threads });
                clock.Restart();
                var expected = torchPredictor.PredictBatch(testTexts);
                var torchSeconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
                var actual = onnxPredictor.PredictBatch(testTexts);
                var onnxSeconds = clock.Elapsed.TotalSeconds;
                double largest = 0;
                int disagreements = 0, torchCorrect = 0, onnxCorrect = 0;
                for (var i = 0; i < test.Length; i++)
                {
                    disagreements += actual[i].Label == expected[i].Label ? 0 : 1;
                    torchCorrect += expected[i].Label == test[i].Label ? 1 : 0;
                    onnxCorrect += actual[i].Label == test[i].Label ? 1 : 0;
                    foreach (var (label, p) in expected[i].Probabilities)
                    {
                        largest = Math.Max(largest, Math.Abs(actual[i].Probabilities[label] - p));
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-7} parity: max |p_onnx - p_torch| {largest:E2}, {disagreements} label disagreements of {test.Length}; accuracy torch {(double)torchCorrect / test.Length:P2}, onnx {(double)onnxCorrect / test.Length:P2}; T={torchPredictor.Info.Temperature:F3}; trained+saved+exported in {trainSeconds:F0} s; all test reviews in {torchSeconds:F1} s torch, {onnxSeconds:F1} s onnx; .skm {new FileInfo(skm).Length / 1e6:F1} MB, .onnx {new FileInfo(onnxPath).Length / 1e6:F1} MB"));
                foreach (var (runtime, predictor) in new (string, ISentimentPredictor)[] { ("torch", torchPredictor), ("onnx", onnxPredictor) })
                {
                    var single = Time(() => predictor.Predict(review), calls);
                    var perReview = Time(() => predictor.PredictBatch(batch), Math.Max(3, calls / 100)).Select(ms => ms / batch.Length).ToArray();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    {runtime,-5} one 230-token review: p50 {Percentile(single, 0.50):F3} ms  p95 {Percentile(single, 0.95):F3} ms  p99 {Percentile(single, 0.99):F3} ms; batch of 256: {Percentile(perReview, 0.50):F3} ms per review (median of {perReview.Length})"));
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static SentimentModel Train(string name, IReadOnlyList<TextExample> train, int limit, int epochs)
    {
        var options = name switch
        {
            "bilstm" => SentimentTrainerOptions.Recommended(ModelKind.BiLstm),
            "gru" => SentimentTrainerOptions.Recommended(ModelKind.Gru),
            "nbsvm" => SentimentTrainerOptions.RecommendedNaiveBayes(),
            "transformer" => SentimentTrainerOptions.Recommended(ModelKind.Transformer),
            _ => throw new ArgumentException($"--models: '{name}' is not bilstm, gru, nbsvm or transformer."),
        };
        if (options.Model is TransformerModelOptions transformer)
        {
            // All-MiniLM-L6-v2 from ./build.sh minilm (or SENTIMENTKIT_MINILM_DIR).
            transformer.EncoderPath = MiniLmLocator.Locate(null, "model.onnx");
            transformer.VocabularyPath = MiniLmLocator.Locate(null, "vocab.txt");
        }

        options.Device = DevicePreference.Cpu;
        var examples = train;
        if (name != "nbsvm")
        {
            // Every k-th review: both classes, as the archive lists all negative reviews first.
            var step = Math.Max(1, train.Count / limit);
            examples = [.. train.Where((_, i) => i % step == 0).Take(limit)];
            options.Trainer.Epochs = epochs;
        }

        return new SentimentTrainer(options).Train(examples);
    }

    /// <summary>Every call timed on its own after ten warm-up calls; milliseconds, sorted.</summary>
    private static double[] Time(Action call, int count)
    {
        for (var i = 0; i < 10; i++)
        {
            call();
        }

        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
