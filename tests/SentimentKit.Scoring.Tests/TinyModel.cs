using SentimentKit.Tests.Facade;

namespace SentimentKit.Scoring.Tests;

/// <summary>A tiny n-gram model (neg/pos) trained once per run on generated reviews with a fixed seed, saved as a real <c>.skm</c>.</summary>
internal static class TinyModel
{
    private static readonly Lazy<string> Saved = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "sentimentkit-scoring-model-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var path = Path.Combine(folder, "tiny.skm");
        using var model = new SentimentTrainer(TinyReviews.Options(ModelKind.NGrams, epochs: 3)).Train(TinyReviews.Make(300, seed: 1));
        model.Save(path);
        return path;
    });

    public static string File => Saved.Value;

    /// <summary>Writes <paramref name="count"/> generated reviews, one per line, and returns them.</summary>
    public static List<string> WriteTexts(string path, int count, int seed)
    {
        var texts = TinyReviews.Make(count, seed).ConvertAll(e => e.Text);
        System.IO.File.WriteAllText(path, string.Concat(texts.Select(t => t + "\n")));
        return texts;
    }

    /// <summary>What the job's combined output must be: one PredictBatch over every text of a one-text-per-line file.</summary>
    public static byte[] ExpectedResults(string file, IReadOnlyList<string> texts)
    {
        using var predictor = SentimentPredictor.Load(File);
        var predictions = predictor.PredictBatch(texts);
        var records = texts.Select((t, i) => new ScoringRecord(i + 1, i + 1, null, t)).ToList();
        using var stream = new MemoryStream();
        ShardResults.Write(stream, Path.GetFullPath(file), records, predictions);
        return stream.ToArray();
    }
}
