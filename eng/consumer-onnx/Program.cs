// A throwaway app that references only the SentimentKit.Onnx package (and SentimentKit.Core through it): no
// TorchSharp, no libtorch (see eng/consumer-check.sh). It loads the models the first consumer app trained (the
// .skm files and the exported .onnx), predicts, checks each probability against TorchSharp's (expected.tsv, within
// 1e-5) and prints the process's resident memory.
using System.Globalization;
using SentimentKit.Onnx;

var folder = args[0];
var failures = 0;
foreach (var line in File.ReadAllLines(Path.Combine(folder, "expected.tsv")))
{
    var parts = line.Split('\t');
    using var predictor = OnnxSentimentPredictor.Load(Path.Combine(folder, parts[0]));
    var prediction = predictor.Predict("what a wonderful film");
    var actual = prediction.Probabilities["positive"];
    var expected = double.Parse(parts[1], CultureInfo.InvariantCulture);
    var ok = Math.Abs(actual - expected) <= 1e-5;
    failures += ok ? 0 : 1;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"consumer-onnx: {parts[0]} ({predictor.Info.Kind}): p(positive) {actual:F7}, TorchSharp {expected:F7}, |Δ| {Math.Abs(actual - expected):E1} {(ok ? "ok" : "FAILED")}"));
}

var status = File.ReadAllLines("/proc/self/status");
string Field(string name) => (long.Parse(status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture);
Console.WriteLine($"consumer-onnx: ONNX-only process after loading and predicting: resident {Field("VmRSS")} MB, peak {Field("VmHWM")} MB");
return failures == 0 ? 0 : 4;
