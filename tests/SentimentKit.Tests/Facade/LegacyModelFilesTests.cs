using System.Text.Json;
using SentimentKit.Devices;

namespace SentimentKit.Tests.Facade;

/// <summary>Models saved by SentimentKit 0.1 (commit e44abaf, artifact format 1) still load and predict exactly as they did.</summary>
public class LegacyModelFilesTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static TheoryData<string, ModelKind> Models => new()
    {
        { "bilstm", ModelKind.BiLstm },
        { "gru", ModelKind.Gru },
        { "nbsvm", ModelKind.NGrams },
        { "tfidf", ModelKind.NGrams },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Load_FormatVersion1File_PredictsAsWhenSaved(string name, ModelKind kind)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "e44abaf-expected.json")));
        var texts = expected.RootElement.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToArray();
        var probabilities = expected.RootElement.GetProperty("probabilities").GetProperty(name).EnumerateArray().ToArray();

        using var predictor = SentimentPredictor.Load(Path.Combine(Fixtures, $"e44abaf-{name}.skm"), DevicePreference.Cpu);
        var predictions = predictor.PredictBatch(texts);

        predictor.Model.Kind.Should().Be(kind);
        predictor.Model.LibraryVersion.Should().Be("0.1.0");
        for (var i = 0; i < texts.Length; i++)
        {
            foreach (var label in predictor.Labels)
            {
                predictions[i].Probabilities[label].Should().BeApproximately(probabilities[i].GetProperty(label).GetDouble(), 1e-6, $"text {i} of {name}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Save_LoadedFormatVersion1File_WritesTheCurrentFormatWithTheSamePredictions(string name, ModelKind kind)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sk-legacy-{Guid.NewGuid():N}.skm");
        try
        {
            using var legacy = SentimentPredictor.Load(Path.Combine(Fixtures, $"e44abaf-{name}.skm"), DevicePreference.Cpu);
            legacy.Model.Save(path);
            using var resaved = SentimentPredictor.Load(path, DevicePreference.Cpu);

            resaved.Model.Kind.Should().Be(kind);
            string[] texts = ["what a great film", "the plot was awful", string.Empty];
            resaved.PredictBatch(texts).Select(p => p.Probabilities).Should().BeEquivalentTo(legacy.PredictBatch(texts).Select(p => p.Probabilities));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
