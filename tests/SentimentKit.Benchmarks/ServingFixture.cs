using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Text;

namespace SentimentKit.Benchmarks;

/// <summary>The models and reviews the serving benchmarks predict with.</summary>
internal static class ServingFixture
{
    /// <summary>
    /// A model of the recommended size for a kind, trained for one epoch on every twelfth review (about 2,000):
    /// its accuracy does not matter to a latency figure, only its size.
    /// </summary>
    public static SentimentPredictor TrainSmall(IReadOnlyList<TextExample> examples, ModelKind kind)
    {
        var sample = examples.Where((_, i) => i % 12 == 0).ToArray();
        var options = SentimentTrainerOptions.Recommended(kind);
        options.Device = DevicePreference.Cpu;
        options.Trainer.Epochs = 1;
        options.Calibrate = false;
        return new SentimentTrainer(options).Train(sample).CreatePredictor();
    }

    /// <summary>The first review of 225 to 235 tokens: about the IMDB median of 230.</summary>
    public static string MedianReview(IReadOnlyList<TextExample> examples) =>
        examples.Select(e => e.Text).First(t => WordTokenizer.Instance.Tokenize(TextNormalizer.Default.Normalize(t)).Count is >= 225 and <= 235);
}
