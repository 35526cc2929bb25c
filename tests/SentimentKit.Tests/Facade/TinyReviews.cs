using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Training;

namespace SentimentKit.Tests.Facade;

/// <summary>Seeded tiny "reviews" in words, with tiny fast model options for the facade tests.</summary>
internal static partial class TinyReviews
{
    internal static readonly string[] Positive = ["great", "wonderful", "excellent", "loved", "brilliant", "superb"];
    internal static readonly string[] Negative = ["awful", "terrible", "boring", "waste", "horrible", "dreadful"];
    internal static readonly string[] Filler = ["the", "movie", "film", "was", "plot", "actors", "a", "story", "and", "it", "this", "of", "scenes", "music", "ending", "cast"];

    public static List<TextExample> Make(int count, int seed)
    {
        var random = new Random(seed);
        var examples = new List<TextExample>(count);
        for (var i = 0; i < count; i++)
        {
            var positive = i % 2 == 0;
            var words = Enumerable.Range(0, random.Next(4, 12)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            var cue = positive ? Positive[random.Next(Positive.Length)] : Negative[random.Next(Negative.Length)];
            words.Insert(random.Next(words.Count + 1), cue);
            var text = string.Join(' ', words) + (random.Next(3) == 0 ? "!" : ".");
            examples.Add(new TextExample(text, positive ? "pos" : "neg"));
        }

        return examples;
    }

    public static SentimentTrainerOptions Options(ModelKind kind, int epochs = 6)
    {
        var options = SentimentTrainerOptions.Recommended(kind);
        options.Device = DevicePreference.Cpu;
        options.Trainer = new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = 16,
            LearningRate = kind == ModelKind.NGrams ? 0.1 : 0.01,
            Seed = 5,
            ValidationFraction = 0.2,
        };
        if (options.Model is NGramModelOptions ngrams)
        {
            ngrams.Features.MinDocumentFrequency = 1;
        }
        else if (options.Model is TransformerModelOptions)
        {
            ConfigureTransformer(options);
        }
        else if (options.Model is RnnModelOptions rnn)
        {
            rnn.Vocabulary.MinFrequency = 1;
            rnn.Network = new RnnClassifierOptions
            {
                EmbeddingSize = 16,
                HiddenSize = 16,
                Layers = 1,
                HeadHiddenSize = 16,
                Dropout = 0,
                HeadDropout = 0,
                Pooling = RnnPooling.Max,
                MaxTokens = 64,
            };
        }

        return options;
    }

    private static readonly Dictionary<ModelKind, SentimentModel> Trained = [];
    private static readonly Lock Gate = new();

    /// <summary>One trained model per kind, shared by the tests that only read it (never dispose it).</summary>
    public static SentimentModel Shared(ModelKind kind)
    {
        lock (Gate)
        {
            if (!Trained.TryGetValue(kind, out var model))
            {
                model = new SentimentTrainer(Options(kind)).Train(Make(400, seed: 1));
                Trained[kind] = model;
            }

            return model;
        }
    }

    // A tiny random encoder for the transformer kind; only the main test project has one (TinyReviews.Transformer.cs).
    static partial void ConfigureTransformer(SentimentTrainerOptions options);
}
