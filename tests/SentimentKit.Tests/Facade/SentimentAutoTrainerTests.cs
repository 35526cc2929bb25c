using SentimentKit.Data;
using SentimentKit.Devices;

namespace SentimentKit.Tests.Facade;

/// <summary>Automatic training: cheapest first, chosen by validation alone, the leaderboard in the file, the budget kept.</summary>
public sealed class SentimentAutoTrainerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static AutoTrainerOptions Auto(params (string Name, SentimentTrainerOptions Options)[] candidates) => new()
    {
        Device = DevicePreference.Cpu,
        Seed = 5,
        TimeBudget = TimeSpan.FromHours(1),
        Candidates = candidates,
    };

    [Fact]
    public void Train_TwoKinds_ChoosesByValidationAndKeepsTheLeaderboardInTheFile()
    {
        // The ensemble candidate has its own tests (AutoEnsembleTests); here the single candidates alone.
        var options = Auto(("ngrams", TinyReviews.Options(ModelKind.NGrams, epochs: 3)), ("bilstm", TinyReviews.Options(ModelKind.BiLstm, epochs: 2)));
        options.EnsembleMembers = 0;
        var auto = new SentimentAutoTrainer(options);
        var finished = new List<LeaderboardEntry>();

        using var model = auto.Train(TinyReviews.Make(200, seed: 3), candidateProgress: new Collect(finished));

        var board = model.Leaderboard!;
        board.Select(e => e.Recipe).Should().Equal("ngrams", "bilstm");
        board.Should().OnlyContain(e => e.Status == CandidateStatus.Trained && e.ValidationAccuracy != null && e.Seconds > 0);
        board.Should().ContainSingle(e => e.Chosen).Which.ValidationAccuracy.Should().Be(board.Max(e => e.ValidationAccuracy));
        model.Kind.Should().Be(board.Single(e => e.Chosen).Kind);
        finished.Should().HaveCount(2);

        var path = Path.Combine(_temp.Path, "auto.skm");
        model.Save(path);
        using var loaded = SentimentModel.Load(path, DevicePreference.Cpu);
        loaded.Leaderboard.Should().BeEquivalentTo(board);
    }

    [Fact]
    public void Train_BudgetSpentBeforeAnything_ThrowsTimeoutAndKeepsNothing()
    {
        var options = Auto(("ngrams", TinyReviews.Options(ModelKind.NGrams, epochs: 1)));
        options.TimeBudget = TimeSpan.FromTicks(1);

        var train = () => new SentimentAutoTrainer(options).Train(TinyReviews.Make(60, seed: 3));

        train.Should().Throw<TimeoutException>().WithMessage("*budget*");
    }

    [Fact]
    public void Train_Cancelled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var train = () => new SentimentAutoTrainer(Auto(("ngrams", TinyReviews.Options(ModelKind.NGrams, epochs: 1)))).Train(TinyReviews.Make(60, seed: 3), cancellationToken: cancellation.Token);

        train.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Options_BadValues_AreAllReported()
    {
        var options = new AutoTrainerOptions { TimeBudget = TimeSpan.Zero, ValidationFraction = 0, Recipes = ["nbsvm", "nope"] };

        var create = () => new SentimentAutoTrainer(options);

        create.Should().Throw<InvalidOptionsException>().Which.Errors.Should().HaveCount(3);
    }

    [Fact]
    public void Recipes_ByDefault_AreEveryRecipeCheapestFirst()
    {
        var costs = SentimentTrainerOptions.Recipes.OrderBy(r => r.RelativeCost).Select(r => r.Name);

        costs.Should().StartWith(["baseline", "nbsvm"]);
    }

    // Honest selection: the validation split favours candidate "rare" (which trusts words seen in a single review),
    // the test split favours candidate "common" (which only reads words of many reviews). Auto is given no test data,
    // and the test set would change the choice if anything read it.
    [Fact]
    public void Train_TestSetFavouringTheOtherCandidate_IsNeverRead()
    {
        var (train, validation, test) = HonestSelectionData();
        var rare = TinyReviews.Options(ModelKind.NGrams, epochs: 8);
        var common = TinyReviews.Options(ModelKind.NGrams, epochs: 8);
        ((NGramModelOptions)common.Model).Features.MinDocumentFrequency = 30;

        using var chosen = new SentimentAutoTrainer(Auto(("rare", rare), ("common", common))).Train(train, validation);

        chosen.Leaderboard!.Single(e => e.Chosen).Recipe.Should().Be("rare", "the validation split favours it");
        using var rareModel = new SentimentTrainer(Fixed(rare)).Train(train, validation);
        using var commonModel = new SentimentTrainer(Fixed(common)).Train(train, validation);
        commonModel.Evaluate(test).Accuracy.Should().BeGreaterThan(rareModel.Evaluate(test).Accuracy + 0.2, "on test the other candidate wins");
        rareModel.ValidationMetrics!.Accuracy.Should().BeGreaterThan(commonModel.ValidationMetrics!.Accuracy);
    }

    private static SentimentTrainerOptions Fixed(SentimentTrainerOptions options)
    {
        var copy = options.Clone();
        copy.Trainer.Seed = 5;
        return copy;
    }

    // Every review has a common cue ("good"/"bad", right 75% of the time in training and validation) and a rare cue
    // (one of 100 words per label, each in about four training reviews, always right there). Validation keeps both;
    // the test set flips the rare cues and makes the common cue always right.
    private static (List<TextExample> Train, List<TextExample> Validation, List<TextExample> Test) HonestSelectionData()
    {
        var random = new Random(11);
        List<TextExample> Make(int count, double commonRight, bool rareRight)
        {
            var list = new List<TextExample>(count);
            for (var i = 0; i < count; i++)
            {
                var positive = i % 2 == 0;
                var common = (random.NextDouble() < commonRight) == positive ? "good" : "bad";
                var rare = (rareRight == positive ? "pos" : "neg") + random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture) + "x";
                list.Add(new TextExample($"the movie {common} and {rare} film", positive ? "pos" : "neg"));
            }

            return list;
        }

        return (Make(800, 0.75, true), Make(200, 0.75, true), Make(200, 1.0, false));
    }

    private sealed class Collect(List<LeaderboardEntry> entries) : IProgress<LeaderboardEntry>
    {
        public void Report(LeaderboardEntry value) => entries.Add(value);
    }
}
