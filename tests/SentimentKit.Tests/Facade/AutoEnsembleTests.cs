using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Onnx;
using SentimentKit.Sequences;

namespace SentimentKit.Tests.Facade;

/// <summary>
/// The ensemble candidate of automatic training: fitted on one half of the validation split, chosen only when it beats
/// the best single candidate on the other half, saved and loaded as one file by both runtimes.
/// </summary>
public sealed class AutoEnsembleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    // The two kinds see different halves of the evidence: the GRU reads only the first 6 tokens, where "alpha" opens every
    // positive review of the first sort (a negative one has it at the end); the unigram model cannot tell where "alpha"
    // stands but reads the last word of the second sort, a cue the GRU never reaches. Each alone is right about 75% of
    // the time; their average is right on both sorts.
    [Fact]
    public void Train_ComplementaryKinds_ChoosesTheEnsembleAndBothRuntimesLoadItsFile()
    {
        var (train, validation) = (Complementary(600, seed: 1), Complementary(240, seed: 2));

        using var model = new SentimentAutoTrainer(Auto(Ngrams(), HeadGru())).Train(train, validation);

        var board = model.Leaderboard!;
        board.Select(e => e.Recipe).Should().Equal("ngrams", "gru", "ensemble");
        model.Kind.Should().Be(ModelKind.Ensemble);
        var ensemble = board.Single(e => e.Chosen);
        ensemble.Recipe.Should().Be("ensemble");
        var judged = DatasetSplitter.StratifiedSplit(validation, 0.5, 5).Validation;
        model.Evaluate(judged).Accuracy.Should().BeApproximately(ensemble.ValidationAccuracy!.Value, 1e-9, "the entry is its accuracy on the half its weights were not fitted on");
        ensemble.Settings.Should().Contain("ngrams").And.Contain("gru", "both kinds have a weight");
        board.Where(e => e.Kind != ModelKind.Ensemble).Should().OnlyContain(e => e.ValidationAccuracy < 0.85, "each kind alone sees half of the cues");

        var path = Path.Combine(_temp.Path, "ensemble.skm");
        model.Save(path);
        var texts = validation.Select(e => e.Text).ToArray();
        var expected = model.CreatePredictor().PredictBatch(texts);
        using (var loaded = SentimentPredictor.Load(path, DevicePreference.Cpu))
        {
            loaded.Model.Kind.Should().Be(ModelKind.Ensemble);
            loaded.Model.Leaderboard.Should().BeEquivalentTo(board);
            loaded.PredictBatch(texts).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), "a loaded ensemble predicts exactly as the saved one");
            loaded.Explain(texts[0]).Tokens.Should().NotBeEmpty();
            loaded.Model.Invoking(m => m.ExportOnnx(Path.Combine(_temp.Path, "ensemble.onnx"))).Should().Throw<OnnxExportNotSupportedException>().Which.Kind.Should().Be(ModelKind.Ensemble);
        }

        using var onnx = OnnxSentimentPredictor.Load(path);
        onnx.Info.Kind.Should().Be(ModelKind.Ensemble);
        var scored = onnx.PredictBatch(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            scored[i].Label.Should().Be(expected[i].Label);
            scored[i].Probabilities["pos"].Should().BeApproximately(expected[i].Probabilities["pos"], 1e-5);
        }
    }

    // Both kinds read the same cue words, so the better one is right on nearly everything and an average cannot be more
    // accurate on the half its weights were not fitted on: the entry is listed but not chosen.
    [Fact]
    public void Train_EnsembleNotMoreAccurateOnTheUntouchedHalf_IsNotChosen()
    {
        var validation = TinyReviews.Make(120, seed: 4);

        using var model = new SentimentAutoTrainer(Auto(Ngrams(maxNGramLength: 2), HeadGru(maxTokens: 64))).Train(TinyReviews.Make(300, seed: 3), validation);

        var board = model.Leaderboard!;
        var ensemble = board.Should().ContainSingle(e => e.Kind == ModelKind.Ensemble).Which;
        ensemble.Status.Should().Be(CandidateStatus.Trained);
        ensemble.Chosen.Should().BeFalse();
        model.Kind.Should().NotBe(ModelKind.Ensemble);
        var judged = DatasetSplitter.StratifiedSplit(validation, 0.5, 5).Validation;
        ensemble.ValidationAccuracy.Should().BeLessThanOrEqualTo(model.Evaluate(judged).Accuracy, "it did not beat the chosen model where it was judged");
    }

    [Fact]
    public void Train_EnsembleMembersZero_TriesNoEnsemble()
    {
        var options = Auto(Ngrams(), HeadGru());
        options.EnsembleMembers = 0;

        using var model = new SentimentAutoTrainer(options).Train(Complementary(200, seed: 1), Complementary(60, seed: 2));

        model.Leaderboard!.Should().NotContain(e => e.Kind == ModelKind.Ensemble);
    }

    [Fact]
    public void Recommended_EnsembleKind_ThrowsArgumentOutOfRange()
    {
        var recommend = () => SentimentTrainerOptions.Recommended(ModelKind.Ensemble);

        recommend.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SentimentAutoTrainer*");
    }

    private static AutoTrainerOptions Auto(params (string Name, SentimentTrainerOptions Options)[] candidates) => new()
    {
        Device = DevicePreference.Cpu,
        Seed = 5,
        TimeBudget = TimeSpan.FromHours(1),
        Candidates = candidates,
    };

    private static (string, SentimentTrainerOptions) Ngrams(int maxNGramLength = 1)
    {
        var options = TinyReviews.Options(ModelKind.NGrams, epochs: 6);
        ((NGramModelOptions)options.Model).Features.MaxNGramLength = maxNGramLength;
        return ("ngrams", options);
    }

    private static (string, SentimentTrainerOptions) HeadGru(int maxTokens = 6)
    {
        var options = TinyReviews.Options(ModelKind.Gru, epochs: 6);
        var network = ((RnnModelOptions)options.Model).Network;
        network.MaxTokens = maxTokens;
        network.Truncation = TruncationStrategy.Head;
        return ("gru", options);
    }

    // Half the reviews carry "alpha" first (positive) or last (negative); the other half end with one of three positive
    // or three negative words. Twelve filler words sit between, without punctuation, so no bigram or position leaks.
    private static List<TextExample> Complementary(int count, int seed)
    {
        var random = new Random(seed);
        var examples = new List<TextExample>(count);
        for (var i = 0; i < count; i++)
        {
            var positive = i % 2 == 0;
            var words = Enumerable.Range(0, 12).Select(_ => TinyReviews.Filler[random.Next(TinyReviews.Filler.Length)]).ToList();
            if (i % 4 < 2)
            {
                words.Insert(positive ? 0 : words.Count, "alpha");
            }
            else
            {
                words.Add(positive ? TinyReviews.Positive[random.Next(3)] : TinyReviews.Negative[random.Next(3)]);
            }

            examples.Add(new TextExample(string.Join(' ', words), positive ? "pos" : "neg"));
        }

        return examples;
    }
}
