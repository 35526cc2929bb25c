using System.Diagnostics;
using System.Globalization;
using SentimentKit.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Benchmarks;

/// <summary>
/// The <c>transformer</c> verb: the all-MiniLM-L6-v2 classifier on the CPU. Import time, then for
/// each sequence length and batch size the forward (eval, no gradients) and AdamW training-step
/// throughput in samples/s, and resident memory while fine-tuning. Inputs are full-length
/// <c>[CLS] ... [SEP]</c> sequences of random ids (the cost does not depend on the ids). A default
/// BiLSTM training step on the same batches is the reference measured in the same run.
/// <c>--attention-dropout 0</c> shows the cost of attention dropout: with it, libtorch's CPU
/// attention cannot use its fused kernel.
/// </summary>
internal static class TransformerThroughputCommand
{
    public static int Run(VerbOptions options)
    {
        var threads = options.GetInt("threads", Environment.ProcessorCount);
        var steps = options.GetInt("steps", 3);
        var attentionDropout = options.Get("attention-dropout") is not null ? options.GetDouble("attention-dropout", 0) : (double?)null;
        int[] lengths = [.. (options.Get("lengths") ?? "64,256").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        int[] batchSizes = [.. (options.Get("batch-sizes") ?? "8,32").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        Print($"torch {torch.__version__}, {threads} threads, {Environment.ProcessorCount} cores, load average {LoadAverage()}; {steps} timed iterations after one warm-up per row");

        var watch = Stopwatch.StartNew();
        var encoder = BertOnnxImport.Read(MiniLmLocator.Locate(options.Get("onnx"), "model.onnx"), MiniLmLocator.Locate(options.Get("vocab"), "vocab.txt"));
        var readSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var modelOptions = encoder.CreateOptions();

        // With attention dropout libtorch's CPU attention takes its unfused path, which dominates a training step.
        modelOptions.AttentionDropout = attentionDropout ?? modelOptions.AttentionDropout;
        using var model = encoder.CreateClassifier(modelOptions);
        Print($"import: read {readSeconds:F2} s, build + load {watch.Elapsed.TotalSeconds:F2} s, {model.parameters().Sum(p => p.numel()):N0} parameters; RSS {ProcessMemory.WorkingSetMb():F0} MB; attention dropout {modelOptions.AttentionDropout}, hidden dropout {modelOptions.HiddenDropout}");

        using var optimizer = optim.AdamW(model.parameters(), lr: 2e-5, weight_decay: 0.01);
        var random = new Random(0);
        Print($"{"tokens",6} {"batch",5} {"forward samples/s",18} {"train samples/s",16} {"train s/step",13} {"RSS MB",7} {"BiLSTM train samples/s",23} {"BiLSTM/transformer",19}");
        foreach (var length in lengths)
        {
            foreach (var batchSize in batchSizes)
            {
                var inputs = Enumerable.Range(0, batchSize).Select(_ => Sequence(random, length)).ToArray();
                var labels = Enumerable.Range(0, batchSize).Select(i => i % 2).ToArray();
                var forward = Time(steps, () => Forward(model, inputs));
                var train = Time(steps, () => TrainStep(model, optimizer, inputs, labels));
                var rss = ProcessMemory.WorkingSetMb();
                var lstm = BiLstmReference(inputs, labels, steps);
                Print($"{length,6} {batchSize,5} {batchSize / forward,18:F1} {batchSize / train,16:F2} {train,13:F2} {rss,7:F0} {batchSize / lstm,23:F1} {train / lstm,19:F1}x");
            }
        }

        using var process = Process.GetCurrentProcess();
        Print($"peak RSS {process.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB (includes the import's managed copy of the weights until it is collected)");

        // The feasibility study's figure: one AdamW step on one 339-token review, one thread.
        torch.set_num_threads(1);
        var single = new[] { Sequence(random, 339) };
        var oneThread = Time(steps, () => TrainStep(model, optimizer, single, [1]));
        Print($"one AdamW step, 1 review of 339 tokens, 1 thread: {oneThread:F2} s");
        return 0;
    }

    private static int[] Sequence(Random random, int length)
    {
        var ids = new int[length];
        ids[0] = 101;
        for (var i = 1; i < length - 1; i++)
        {
            ids[i] = random.Next(1000, 30000);
        }

        ids[^1] = 102;
        return ids;
    }

    private static void Forward(TransformerClassifier model, int[][] inputs)
    {
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var batch = model.CreateBatch(inputs);
        model.ForwardBatch(batch);
    }

    private static void TrainStep(nn.Module model, optim.Optimizer optimizer, int[][] inputs, int[] labels)
    {
        model.train();
        using var scope = torch.NewDisposeScope();
        var classifier = (Modeling.ITextClassifierModule<int[]>)model;
        using var batch = classifier.CreateBatch(inputs, labels);
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(classifier.ForwardBatch(batch), batch.Labels!);
        loss.backward();
        optimizer.step();
    }

    private static double BiLstmReference(int[][] inputs, int[] labels, int steps)
    {
        using var lstm = new RnnClassifier(vocabularySize: 30522);
        using var optimizer = optim.Adam(lstm.parameters(), lr: 1e-3);
        return Time(steps, () => TrainStep(lstm, optimizer, inputs, labels));
    }

    /// <summary>Seconds per call: one warm-up call, then the median of <paramref name="steps"/> timed calls.</summary>
    private static double Time(int steps, Action action)
    {
        action();
        var seconds = new double[steps];
        for (var i = 0; i < steps; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            seconds[i] = watch.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return seconds[steps / 2];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
