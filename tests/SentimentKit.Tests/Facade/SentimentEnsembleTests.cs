using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Sequences;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit.Tests.Facade;

public sealed class SentimentEnsembleTests : IDisposable
{
    private static readonly string[] Texts = ["what a great film", "the plot was awful", "", "brilliant ending", "a boring waste of a story", "the movie"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void PredictBatch_IsTheWeightedAverageOfTheModelsProbabilities()
    {
        var rnn = TinyReviews.Shared(ModelKind.BiLstm);
        var baseline = TinyReviews.Shared(ModelKind.NGrams);
        using var ensemble = new SentimentEnsemble([rnn, baseline], [3, 1], ownsModels: false);

        var predictions = ensemble.PredictBatch(Texts);

        ensemble.Weights.Should().Equal(0.75, 0.25);
        var a = rnn.CreatePredictor().PredictBatch(Texts);
        var b = baseline.CreatePredictor().PredictBatch(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            foreach (var label in ensemble.Labels.Names)
            {
                var expected = (0.75 * a[i].Probabilities[label]) + (0.25 * b[i].Probabilities[label]);
                predictions[i].Probabilities[label].Should().BeApproximately(expected, 1e-6);
            }

            predictions[i].Label.Should().Be(predictions[i].Probabilities.MaxBy(p => p.Value).Key);
            predictions[i].Probabilities.Values.Sum().Should().BeApproximately(1.0, 1e-5);
            ensemble.Predict(Texts[i]).Confidence.Should().BeApproximately(predictions[i].Confidence, 1e-6);
        }
    }

    [Fact]
    public void ZeroWeight_LeavesThatModelOut()
    {
        var rnn = TinyReviews.Shared(ModelKind.BiLstm);
        using var ensemble = new SentimentEnsemble([rnn, TinyReviews.Shared(ModelKind.NGrams)], [1, 0], ownsModels: false);

        ensemble.PredictBatch(Texts).Select(p => p.Confidence).Should().Equal(
            rnn.CreatePredictor().PredictBatch(Texts).Select(p => p.Confidence), (x, y) => Math.Abs(x - y) < 1e-6);
    }

    [Theory]
    [InlineData(new[] { 1.0 }, "2 models but 1 weights")]
    [InlineData(new[] { 1.0, -1.0 }, "Weight 1 is -1")]
    [InlineData(new[] { double.NaN, 1.0 }, "Weight 0 is NaN")]
    [InlineData(new[] { 0.0, 0.0 }, "all zero")]
    public void BadWeights_AreRejectedWithTheReason(double[] weights, string reason)
    {
        var act = () => new SentimentEnsemble([TinyReviews.Shared(ModelKind.BiLstm), TinyReviews.Shared(ModelKind.NGrams)], weights, ownsModels: false);

        act.Should().Throw<ArgumentException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void ModelsWithDifferentLabels_AreRejectedNamingTheModel()
    {
        var relabeled = TinyReviews.Make(200, seed: 3).Select(e => new TextExample(e.Text, e.Label == "pos" ? "good" : "bad"));
        using var other = new SentimentTrainer(TinyReviews.Options(ModelKind.NGrams, epochs: 1)).Train(relabeled);

        var act = () => new SentimentEnsemble([TinyReviews.Shared(ModelKind.NGrams), other], ownsModels: false);

        act.Should().Throw<ArgumentException>().WithMessage("Model 1 has the labels (bad, good) but model 0 has (neg, pos)*");
        FluentActions.Invoking(() => new SentimentEnsemble([])).Should().Throw<ArgumentException>().WithMessage("*at least one model*");
    }

    [Fact]
    public void Train_WithRecipes_GivesAnAccurateEnsembleOfOneModelPerRecipe()
    {
        var naiveBayes = TinyReviews.Options(ModelKind.NGrams);
        ((NGramModelOptions)naiveBayes.Model).Features.Weighting = NGramWeighting.NaiveBayes;
        ((NGramModelOptions)naiveBayes.Model).Features.MaxNGramLength = 3;

        using var ensemble = SentimentEnsemble.Train(TinyReviews.Make(400, seed: 11), [TinyReviews.Options(ModelKind.BiLstm), naiveBayes]);

        ensemble.Models.Select(m => m.Kind).Should().Equal(ModelKind.BiLstm, ModelKind.NGrams);
        ensemble.Weights.Sum().Should().BeApproximately(1.0, 1e-9);
        ensemble.Models.Should().OnlyContain(m => m.Report!.ValidationCount == 40, "every model is calibrated on the same 10% split");
        ensemble.Evaluate(TinyReviews.Make(200, seed: 12)).Accuracy.Should().BeGreaterThan(0.9);
        FluentActions.Invoking(() => ensemble.Evaluate([new TextExample("fine", "meh")])).Should().Throw<ArgumentException>().WithMessage("*'meh'*");
    }

    [Fact]
    public void FitWeights_GivesAModelTrainedOnNoiseLittleWeight()
    {
        var random = new Random(4);
        var noise = TinyReviews.Make(300, seed: 31).Select(e => new TextExample(e.Text, random.Next(2) == 0 ? "pos" : "neg"));
        using var noisy = new SentimentTrainer(TinyReviews.Options(ModelKind.NGrams)).Train(noise);
        using var ensemble = new SentimentEnsemble([noisy, TinyReviews.Shared(ModelKind.NGrams)], ownsModels: false);
        var validation = TinyReviews.Make(200, seed: 32);
        var before = ensemble.Evaluate(validation);

        var weights = ensemble.FitWeights(validation);

        weights.Should().Equal(ensemble.Weights);
        weights.Sum().Should().BeApproximately(1.0, 1e-9);
        weights[1].Should().BeGreaterThan(0.8);
        ensemble.Evaluate(validation).LogLoss.Should().BeLessThan(before.LogLoss);
        FluentActions.Invoking(() => ensemble.FitWeights([])).Should().Throw<ArgumentException>().WithMessage("*at least one*");
        FluentActions.Invoking(() => ensemble.FitWeights([new TextExample("x", "meh")])).Should().Throw<ArgumentException>().WithMessage("*'meh' of validation example 0*");
    }

    [Fact]
    public void Train_InvalidRecipe_FailsBeforeAnyTraining()
    {
        var bad = TinyReviews.Options(ModelKind.NGrams);
        ((NGramModelOptions)bad.Model).Features.NaiveBayesSmoothing = -1;
        var progress = new List<TrainingProgress>();

        var act = () => SentimentEnsemble.Train(TinyReviews.Make(100, seed: 1), [TinyReviews.Options(ModelKind.BiLstm), bad], progress: new SynchronousProgress(progress));

        act.Should().Throw<InvalidOptionsException>().WithMessage("*NaiveBayesSmoothing*");
        progress.Should().BeEmpty();
    }

    [Fact]
    public void Train_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => SentimentEnsemble.Train(TinyReviews.Make(100, seed: 1), [TinyReviews.Options(ModelKind.NGrams)], cancellationToken: cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Load_SavedModels_PredictsAsTheInMemoryEnsemble()
    {
        var paths = new[] { ModelKind.BiLstm, ModelKind.NGrams }.Select(kind =>
        {
            var path = _temp.File($"{kind}.skm");
            TinyReviews.Shared(kind).Save(path);
            return path;
        }).ToArray();
        using var inMemory = new SentimentEnsemble([TinyReviews.Shared(ModelKind.BiLstm), TinyReviews.Shared(ModelKind.NGrams)], ownsModels: false);

        using var loaded = SentimentEnsemble.Load(paths, device: DevicePreference.Cpu);

        loaded.PredictBatch(Texts).Select(p => p.Confidence).Should().Equal(
            inMemory.PredictBatch(Texts).Select(p => p.Confidence), (x, y) => Math.Abs(x - y) < 1e-6);
    }

    [Fact]
    public void Load_OneBadFile_ThrowsModelFormatException()
    {
        var good = _temp.File("good.skm");
        TinyReviews.Shared(ModelKind.NGrams).Save(good);
        var bad = _temp.File("bad.skm");
        File.WriteAllText(bad, "not a model");

        var act = () => SentimentEnsemble.Load([good, bad], device: DevicePreference.Cpu);

        act.Should().Throw<ModelFormatException>().WithMessage($"*{bad}*");
    }

    [Fact]
    public void Dispose_OwnsModelsOnlyWhenAsked()
    {
        var shared = TinyReviews.Shared(ModelKind.NGrams);
        new SentimentEnsemble([shared], ownsModels: false).Dispose();
        shared.CreatePredictor().Predict("great").Label.Should().Be("pos");

        var ensemble = new SentimentEnsemble([shared], ownsModels: false);
        ensemble.Dispose();
        ensemble.Dispose();
        FluentActions.Invoking(() => ensemble.Predict("great")).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void RecommendedRecipes_AreTheBiLstmAndTheNaiveBayesTrigramBaseline()
    {
        var recipes = SentimentEnsemble.RecommendedRecipes();

        recipes.Select(r => r.Kind).Should().Equal(ModelKind.BiLstm, ModelKind.NGrams);
        ((NGramModelOptions)recipes[1].Model).Features.Weighting.Should().Be(NGramWeighting.NaiveBayes);
        ((NGramModelOptions)recipes[1].Model).Features.MaxNGramLength.Should().Be(3);
        foreach (var recipe in recipes)
        {
            recipe.Validate();
        }
    }

    private sealed class SynchronousProgress(List<TrainingProgress> items) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => items.Add(value);
    }
}
