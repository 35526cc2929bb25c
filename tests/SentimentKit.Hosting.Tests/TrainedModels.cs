using SentimentKit.Data;
using SentimentKit.Tests.Facade;

namespace SentimentKit.Hosting.Tests;

/// <summary>
/// Two tiny n-gram models trained once per run on generated reviews — one labelled neg/pos, one bad/good — saved as
/// real <c>.skm</c> files, to be copied where a test serves them.
/// </summary>
internal static class TrainedModels
{
    private static readonly Lock Gate = new();
    private static string? _folder;

    /// <summary>Gets a model labelled <c>neg</c> / <c>pos</c>.</summary>
    public static string NegPos => Path.Combine(Folder(), "negpos.skm");

    /// <summary>Gets a model labelled <c>bad</c> / <c>good</c>: "other labels" for the reload tests.</summary>
    public static string BadGood => Path.Combine(Folder(), "badgood.skm");

    /// <summary>Gets a multi-label model: <c>neg</c> or <c>pos</c>, and <c>exclaimed</c> when the review ends with "!".</summary>
    public static string MultiLabel => Path.Combine(Folder(), "multi.skm");

    public static string[] NegPosLabels => ["neg", "pos"];

    public static string[] BadGoodLabels => ["bad", "good"];

    private static string Folder()
    {
        lock (Gate)
        {
            if (_folder is null)
            {
                var folder = Path.Combine(Path.GetTempPath(), "sentimentkit-hosting-models-" + Environment.ProcessId);
                Directory.CreateDirectory(folder);
                Train(Path.Combine(folder, "negpos.skm"), e => e);
                Train(Path.Combine(folder, "badgood.skm"), e => e with { Label = e.Label == "pos" ? "good" : "bad" });
                Train(Path.Combine(folder, "multi.skm"), e => TextExample.WithLabels(e.Text, e.Text.EndsWith('!') ? [e.Label, "exclaimed"] : [e.Label]));
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
                _folder = folder;
            }

            return _folder;
        }
    }

    private static void Train(string path, Func<TextExample, TextExample> relabel)
    {
        using var model = new SentimentTrainer(TinyReviews.Options(ModelKind.NGrams, epochs: 4)).Train(TinyReviews.Make(400, seed: 1).Select(relabel).ToList());
        model.Save(path);
    }
}
