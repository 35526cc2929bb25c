using System.IO.Compression;
using System.Text.Json.Nodes;
using SentimentKit.Devices;
using SentimentKit.Onnx;

namespace SentimentKit.Tests.MultiLabel;

/// <summary>A multi-label model's file and runtimes: save → load, the ONNX export and the libtorch-free runtime.</summary>
public sealed class MultiLabelModelFileTests : IDisposable
{
    private const double Tolerance = 1e-5;
    private static readonly string[] Probes = ["the movie great the plot boring.", "awful awful", "", "the film was a story of the cast", "brilliant and loved it"];
    private readonly string _directory = Directory.CreateTempSubdirectory("sk-multi-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(ModelKind.NGrams)]
    [InlineData(ModelKind.Gru)]
    [InlineData(ModelKind.Transformer)]
    public void SaveThenLoad_GivesIdenticalPredictionsThresholdsAndTask(ModelKind kind)
    {
        var original = MultiLabelCorpus.Shared(kind);
        var path = Path.Combine(_directory, $"{kind}.skm");
        original.Save(path);

        using var loaded = SentimentModel.Load(path, DevicePreference.Cpu);

        loaded.Task.Should().Be(ClassificationTask.MultiLabel);
        loaded.Info.Task.Should().Be(ClassificationTask.MultiLabel);
        loaded.Thresholds.Should().Equal(original.Thresholds);
        loaded.Info.Thresholds.Should().Equal(original.Thresholds);
        var before = original.CreatePredictor().PredictBatch(Probes);
        var after = loaded.CreatePredictor().PredictBatch(Probes);
        after.Select(p => p.Labels).Should().BeEquivalentTo(before.Select(p => p.Labels), o => o.WithStrictOrdering());
        after.Select(p => p.Probabilities.Values.ToArray()).Should().BeEquivalentTo(before.Select(p => p.Probabilities.Values.ToArray()), o => o.WithStrictOrdering());
        after.Select(p => p.Confidence).Should().Equal(before.Select(p => p.Confidence));
    }

    [Fact]
    public void Save_MultiLabel_WritesFormat3WithTaskAndSection()
    {
        var path = Path.Combine(_directory, "multi.skm");
        MultiLabelCorpus.Shared(ModelKind.NGrams).Save(path);

        var manifest = Manifest(path);

        manifest["format_version"]!.GetValue<int>().Should().Be(3);
        manifest["task"]!.GetValue<string>().Should().Be("multi_label");
        manifest["multi_label"]!["thresholds"]!.AsArray().Should().HaveCount(MultiLabelCorpus.Labels.Length);
        manifest["multi_label"]!["validation"]!["microF1"]!.GetValue<double>().Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void Save_SingleLabel_StaysFormat2WithoutTask()
    {
        var path = Path.Combine(_directory, "single.skm");
        Facade.TinyReviews.Shared(ModelKind.NGrams).Save(path);

        var manifest = Manifest(path);

        manifest["format_version"]!.GetValue<int>().Should().Be(2);
        manifest.ContainsKey("task").Should().BeFalse();
        manifest.ContainsKey("multi_label").Should().BeFalse();
    }

    [Theory]
    [InlineData(ModelKind.NGrams)]
    [InlineData(ModelKind.Gru)]
    [InlineData(ModelKind.Transformer)]
    public void OnnxRuntime_FromSkmAndExport_GivesTheSameSetsAndProbabilities(ModelKind kind)
    {
        var model = MultiLabelCorpus.Shared(kind);
        var skm = Path.Combine(_directory, $"{kind}.skm");
        var onnxPath = Path.Combine(_directory, $"{kind}.onnx");
        model.Save(skm);
        model.ExportOnnx(onnxPath);
        var expected = model.CreatePredictor().PredictBatch(Probes);

        foreach (var source in new[] { skm, onnxPath })
        {
            using var onnx = OnnxSentimentPredictor.Load(source);
            var actual = onnx.PredictBatch(Probes);

            onnx.Info.Task.Should().Be(ClassificationTask.MultiLabel);
            onnx.Info.Thresholds.Should().Equal(model.Thresholds);
            actual.Select(p => p.Labels).Should().BeEquivalentTo(expected.Select(p => p.Labels), o => o.WithStrictOrdering());
            for (var i = 0; i < Probes.Length; i++)
            {
                foreach (var label in model.Labels.Names)
                {
                    actual[i].Probabilities[label].Should().BeApproximately(expected[i].Probabilities[label], Tolerance);
                }
            }
        }
    }

    [Fact]
    public void OnnxRuntime_NGramExplanations_MatchTorchSharpPerLabel()
    {
        var model = MultiLabelCorpus.Shared(ModelKind.NGrams);
        var path = Path.Combine(_directory, "explain.skm");
        model.Save(path);
        using var onnx = OnnxSentimentPredictor.Load(path);

        var expected = model.CreatePredictor().Explain(Probes[0]);
        var actual = onnx.Explain(Probes[0]);

        actual.PerLabel!.Keys.Should().Equal(expected.PerLabel!.Keys);
        foreach (var (label, tokens) in expected.PerLabel)
        {
            actual.PerLabel[label].Select(t => t.Attribution).Should().Equal(tokens.Select(t => t.Attribution), (a, b) => Math.Abs(a - b) <= Tolerance);
        }
    }

    [Fact]
    public void ExportOnnx_MultiLabel_WritesVersion2TaskAndHead()
    {
        var path = Path.Combine(_directory, "head.onnx");
        MultiLabelCorpus.Shared(ModelKind.NGrams).ExportOnnx(path);

        var metadata = OnnxModel.Read(File.ReadAllBytes(path)).Metadata;

        metadata["sentimentkit.format_version"].Should().Be("2");
        metadata["sentimentkit.task"].Should().Be("multi_label");
        JsonNode.Parse(metadata["sentimentkit.multi_label"])!["thresholds"]!.AsArray().Should().HaveCount(MultiLabelCorpus.Labels.Length);
    }

    private static JsonObject Manifest(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        return JsonNode.Parse(reader.ReadToEnd())!.AsObject();
    }
}
