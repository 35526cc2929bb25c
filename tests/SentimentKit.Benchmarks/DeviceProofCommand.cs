using System.Globalization;
using SentimentKit.Data;
using SentimentKit.Devices;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>device-proof</c>: what the device layer promises, shown on the machine at hand — the automatic choice, a
/// BiLSTM trained, explained and saved there, and the saved model giving the same probabilities on the CPU.
/// Exit code 1 when any step disagrees; meant for the accelerator machine (<c>eng/gpu-run.sh</c>).
/// </summary>
internal static class DeviceProofCommand
{
    public static int Run(VerbOptions options)
    {
        var auto = TorchBackend.Resolve(DevicePreference.Auto);
        Console.WriteLine($"device-proof: Auto resolves to {auto.Describe()}; TorchSharp {TorchBackend.TorchSharpVersion}");
        var wanted = DevicePreference.Parse(options.Get("device") ?? "auto");
        var device = TorchBackend.Resolve(wanted);
        if (options.Get("expect") is { } expect && !string.Equals(device.Id.Split(':')[0], expect, StringComparison.Ordinal))
        {
            Console.WriteLine($"FAIL: expected a {expect} device, got {device.Id}");
            return 1;
        }

        string[] cues = ["great", "wonderful", "awful", "boring"];
        var random = new Random(1);
        var examples = Enumerable.Range(0, 600).Select(i =>
        {
            var cue = cues[i % 4];
            var words = Enumerable.Range(0, random.Next(5, 40)).Select(_ => "w" + random.Next(50).ToString(CultureInfo.InvariantCulture)).ToList();
            words.Insert(random.Next(words.Count), cue);
            return new TextExample(string.Join(' ', words), i % 4 < 2 ? "pos" : "neg");
        }).ToArray();
        var recipe = SentimentTrainerOptions.Recommended(ModelKind.BiLstm);
        recipe.Device = wanted;
        recipe.Trainer.Epochs = 3;
        ((RnnModelOptions)recipe.Model).Vocabulary.MinFrequency = 1;
        using var model = new SentimentTrainer(recipe).Train(examples);
        var accuracy = model.ValidationMetrics!.Accuracy;
        var explanation = model.CreatePredictor().Explain("w1 w2 great w3 w4");
        var top = explanation.Tokens.MaxBy(t => t.Attribution)!.Token;
        var path = Path.Combine(Path.GetTempPath(), $"device-proof-{Environment.ProcessId}.skm");
        try
        {
            model.Save(path);
            using var onCpu = SentimentModel.Load(path, DevicePreference.Cpu);
            string[] probes = ["w3 great w9", "w1 awful", "boring w5 w6 w7", ""];
            var here = model.CreatePredictor().PredictBatch(probes);
            var there = onCpu.CreatePredictor().PredictBatch(probes);
            var difference = here.Zip(there).Max(p => Math.Abs(p.First.Confidence - p.Second.Confidence));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"device-proof: trained on {model.Device.Id}: validation accuracy {accuracy:P1}; explanation's top token '{top}'; saved and loaded on the CPU: largest probability difference {difference:E1}"));
            var ok = accuracy > 0.9 && top == "great" && difference < 1e-4;
            Console.WriteLine(ok ? "device-proof: OK" : "FAIL: accuracy, explanation or CPU round trip is off");
            return ok ? 0 : 1;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
