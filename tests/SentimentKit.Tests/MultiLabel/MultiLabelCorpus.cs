using SentimentKit.Data;
using SentimentKit.Tests.Facade;
using SentimentKit.Training;

namespace SentimentKit.Tests.MultiLabel;

/// <summary>
/// Generated multi-label "reviews" whose right answer is known: each label is tied to its own cue words, and a text
/// carries 0, 1, 2 or 3 labels, one cue word for each, among filler words. The words are those of
/// <see cref="TinyReviews"/>, so that the tiny transformer's vocabulary holds them.
/// </summary>
internal static class MultiLabelCorpus
{
    public static readonly IReadOnlyDictionary<string, string[]> Cues = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["anger"] = ["awful", "terrible", "horrible"],
        ["boredom"] = ["boring", "waste", "dreadful"],
        ["joy"] = ["great", "wonderful", "loved"],
        ["praise"] = ["excellent", "brilliant", "superb"],
    };

    public static readonly string[] Labels = [.. Cues.Keys.Order(StringComparer.Ordinal)];

    /// <summary><paramref name="count"/> texts; the i-th carries <c>i mod 4</c> labels (0 to 3), chosen at random.</summary>
    public static List<TextExample> Make(int count, int seed)
    {
        var random = new Random(seed);
        var examples = new List<TextExample>(count);
        for (var i = 0; i < count; i++)
        {
            var chosen = Labels.OrderBy(_ => random.Next()).Take(i % 4).ToArray();
            var words = Enumerable.Range(0, random.Next(1, 5)).Select(_ => TinyReviews.Filler[random.Next(TinyReviews.Filler.Length)]).ToList();
            foreach (var label in chosen)
            {
                var cues = Cues[label];
                words.Insert(random.Next(words.Count + 1), cues[random.Next(cues.Length)]);
            }

            examples.Add(TextExample.WithLabels(string.Join(' ', words) + ".", chosen) with { SourceId = $"generated:{i + 1}" });
        }

        return examples;
    }

    /// <summary>
    /// A corpus with one rare label: <c>rare</c> on about one text in twelve, cued by "superb" — a word that also shows up,
    /// less often, in texts without the label — beside two common labels with clean cues.
    /// </summary>
    public static List<TextExample> MakeRare(int count, int seed)
    {
        var random = new Random(seed);
        var examples = new List<TextExample>(count);
        for (var i = 0; i < count; i++)
        {
            var words = Enumerable.Range(0, random.Next(4, 10)).Select(_ => TinyReviews.Filler[random.Next(TinyReviews.Filler.Length)]).ToList();
            var labels = new List<string>();
            if (random.Next(2) == 0)
            {
                labels.Add("joy");
                words.Insert(random.Next(words.Count + 1), "great");
            }

            if (random.Next(2) == 0)
            {
                labels.Add("anger");
                words.Insert(random.Next(words.Count + 1), "awful");
            }

            if (random.Next(12) == 0)
            {
                labels.Add("rare");
                words.Insert(random.Next(words.Count + 1), "superb");
            }
            else if (random.Next(16) == 0)
            {
                words.Insert(random.Next(words.Count + 1), "superb");
            }

            examples.Add(TextExample.WithLabels(string.Join(' ', words) + ".", labels));
        }

        return examples;
    }

    /// <summary>
    /// Tiny, fast options for a kind: the facade tests' (<see cref="TinyReviews.Options"/>) with more epochs for four
    /// labels. The n-gram model reads unigrams only: on a few hundred texts made of single cue words, bigrams let it
    /// memorize each training text (train accuracy 1.0, test micro F1 0.83 with bigrams, 1.0 without). The random tiny
    /// encoder needs a faster rate to move its embeddings in a few epochs.
    /// </summary>
    public static SentimentTrainerOptions Options(ModelKind kind)
    {
        var options = TinyReviews.Options(kind, epochs: kind switch { ModelKind.NGrams => 8, ModelKind.Transformer => 7, _ => 8 });
        options.Trainer.EarlyStoppingMetric = EarlyStoppingMetric.Loss;
        options.Trainer.RestoreBestWeights = true;
        switch (options.Model)
        {
            case NGramModelOptions ngrams:
                ngrams.Features.MaxNGramLength = 1;
                break;
            case TransformerModelOptions transformer:
                options.Trainer.LearningRate = 0.03;
                transformer.EncoderLearningRate = 0.01;
                break;
        }

        return options;
    }

    /// <summary>How many generated texts a kind trains on: fewer for the transformer, the slowest per text.</summary>
    public static int TrainingCount(ModelKind kind) => kind == ModelKind.Transformer ? 320 : 480;

    private static readonly Dictionary<ModelKind, SentimentModel> Trained = [];
    private static readonly Lock Gate = new();

    /// <summary>One multi-label model per kind trained on generated texts (<see cref="TrainingCount"/>), shared by the tests that only read it.</summary>
    public static SentimentModel Shared(ModelKind kind)
    {
        lock (Gate)
        {
            if (!Trained.TryGetValue(kind, out var model))
            {
                model = new SentimentTrainer(Options(kind)).Train(Make(TrainingCount(kind), seed: 1));
                Trained[kind] = model;
            }

            return model;
        }
    }
}
