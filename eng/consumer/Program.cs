// A throwaway app that uses SentimentKit only as a NuGet package (see eng/consumer-check.sh):
// it resolves a device, trains a tiny model, saves it, loads it back and predicts.
// With SENTIMENTKIT_CONSUMER_MODELS=DIR it also leaves models there for the ONNX-only app (eng/consumer-onnx): the
// n-gram model, a small BiLSTM and its ONNX export, and the probabilities TorchSharp gives them (expected.tsv).
// `predict DIR` loads DIR/bilstm.skm, predicts once and prints the process's resident memory.
using System.Globalization;
using SentimentKit;
using SentimentKit.Data;
using SentimentKit.Devices;

const string Probe = "what a wonderful film";
try
{
    if (args is ["predict", var folder])
    {
        using var loaded = SentimentPredictor.Load(Path.Combine(folder, "bilstm.skm"), DevicePreference.Cpu);
        loaded.Predict(Probe);
        Console.WriteLine($"consumer: TorchSharp process after loading bilstm.skm and predicting: {Memory()}");
        return 0;
    }

    var device = TorchBackend.Resolve(DevicePreference.Auto);
    Console.WriteLine($"consumer: SentimentKit {typeof(TorchBackend).Assembly.GetName().Version} runs on {device.Describe()}");

    var random = new Random(1);
    string[] good = ["great", "wonderful", "loved"], bad = ["awful", "boring", "terrible"], filler = ["the", "film", "was", "plot", "and", "it"];
    var examples = Enumerable.Range(0, 200).Select(i =>
    {
        var words = Enumerable.Range(0, 5).Select(_ => filler[random.Next(filler.Length)]).ToList();
        words.Insert(random.Next(6), i % 2 == 0 ? good[random.Next(3)] : bad[random.Next(3)]);
        return new TextExample(string.Join(' ', words), i % 2 == 0 ? "positive" : "negative");
    }).ToList();

    var options = SentimentTrainerOptions.Recommended(ModelKind.NGrams);
    options.Device = DevicePreference.Cpu;
    ((NGramModelOptions)options.Model).Features.MinDocumentFrequency = 1;
    options.Trainer.Epochs = 5;
    options.Trainer.LearningRate = 0.1;
    var path = Path.Combine(Path.GetTempPath(), $"consumer-{Guid.NewGuid():N}.skm");
    try
    {
        using (var model = new SentimentTrainer(options).Train(examples))
        {
            model.Save(path);
        }

        if (Environment.GetEnvironmentVariable("SENTIMENTKIT_CONSUMER_MODELS") is { Length: > 0 } models)
        {
            File.Copy(path, Path.Combine(models, "ngrams.skm"), overwrite: true);
            var rnn = SentimentTrainerOptions.Recommended(ModelKind.BiLstm);
            rnn.Device = DevicePreference.Cpu;
            rnn.Trainer.Epochs = 1;
            using (var bilstm = new SentimentTrainer(rnn).Train(examples))
            {
                bilstm.Save(Path.Combine(models, "bilstm.skm"));
                bilstm.ExportOnnx(Path.Combine(models, "bilstm.onnx"));
            }

            var expected = new List<string>();
            foreach (var file in new[] { "ngrams.skm", "bilstm.skm" })
            {
                using var torch = SentimentPredictor.Load(Path.Combine(models, file), DevicePreference.Cpu);
                var p = torch.Predict(Probe).Probabilities["positive"];
                expected.Add(string.Create(CultureInfo.InvariantCulture, $"{file}\t{p:R}"));
                expected.Add(string.Create(CultureInfo.InvariantCulture, $"{Path.ChangeExtension(file, ".onnx")}\t{p:R}"));
            }

            File.WriteAllLines(Path.Combine(models, "expected.tsv"), expected.Where(line => !line.StartsWith("ngrams.onnx", StringComparison.Ordinal)));
            Console.WriteLine($"consumer: left ngrams.skm, bilstm.skm, bilstm.onnx and expected.tsv in {models}");
        }

        using var predictor = SentimentPredictor.Load(path, DevicePreference.Cpu);
        var prediction = predictor.Predict("what a wonderful film");
        Console.WriteLine($"consumer: trained, saved, loaded; 'what a wonderful film' -> {prediction.Label} ({prediction.Confidence:P1})");
        return prediction.Label == "positive" ? 0 : 4;
    }
    finally
    {
        File.Delete(path);
    }
}
catch (NativeBackendException e)
{
    Console.WriteLine($"consumer: {e.Message}");
    return 3;
}

// VmRSS and VmHWM from /proc/self/status (Linux), in MB.
static string Memory()
{
    var status = File.ReadAllLines("/proc/self/status");
    string Field(string name) => (long.Parse(status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture);
    return $"resident {Field("VmRSS")} MB, peak {Field("VmHWM")} MB";
}
