// A throwaway app that uses SentimentKit only as a NuGet package (see eng/consumer-check.sh):
// it resolves a device, trains a tiny model, saves it, loads it back and predicts.
using SentimentKit;
using SentimentKit.Data;
using SentimentKit.Devices;

try
{
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
