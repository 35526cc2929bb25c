using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Training;

namespace SentimentKit.Tests.Facade;

/// <summary>The same examples and seed hold out the same validation set whichever entry point splits them.</summary>
public class ValidationSplitTests
{
    // Numeric labels, unbalanced: "10" sorts before "2" as text, which once made two splitters disagree.
    private static readonly List<TextExample> Examples = [.. TinyReviews.Make(90, seed: 11).Select((e, i) => e with { Label = e.Label == "pos" ? "10" : "2" })];

    private static TextExample[] ExpectedValidation(double fraction, int seed)
    {
        var labels = LabelSet.FromLabels(Examples.Select(e => e.Label));
        var (_, validation) = DatasetSplitter.StratifiedIndices([.. Examples.Select(e => labels.GetIndex(e.Label))], fraction, seed);
        return [.. validation.Select(i => Examples[i])];
    }

    private static SentimentTrainerOptions Options(int seed)
    {
        var options = TinyReviews.Options(ModelKind.NGrams, epochs: 1);
        options.Trainer.Seed = seed;
        options.Trainer.ValidationFraction = 0.2;
        options.Calibrate = false;
        return options;
    }

    [Fact]
    public void Train_Facade_ValidatesOnTheSplittersValidationSet()
    {
        using var model = new SentimentTrainer(Options(seed: 3)).Train(Examples);

        var expected = ExpectedValidation(0.2, seed: 3);
        model.Report!.ValidationCount.Should().Be(expected.Length);
        model.ValidationMetrics.Should().BeEquivalentTo(model.Evaluate(expected));
    }

    [Fact]
    public void Train_ClassifierTrainer_ValidatesOnTheSplittersValidationSet()
    {
        var labels = LabelSet.FromLabels(Examples.Select(e => e.Label));
        var featurizer = SentimentKit.Text.NGramFeaturizer.Fit([.. Examples.Select(e => e.Text)], new SentimentKit.Text.NGramFeaturizerOptions { MinDocumentFrequency = 1 });
        using var module = new SentimentKit.Modeling.BagOfNgramsClassifier(featurizer.FeatureCount, 2);
        var options = new TrainerOptions { Epochs = 1, Seed = 3, ValidationFraction = 0.2, RestoreBestWeights = false };
        var trainer = new ClassifierTrainer<SentimentKit.Text.SparseDocument>(module, labels.Names, options, TorchBackend.Resolve(DevicePreference.Cpu));

        var history = trainer.Train(featurizer.Transform([.. Examples.Select(e => e.Text)]), [.. Examples.Select(e => labels.GetIndex(e.Label))]);

        var expected = ExpectedValidation(0.2, seed: 3);
        var expectedMetrics = trainer.Evaluate(featurizer.Transform([.. expected.Select(e => e.Text)]), [.. expected.Select(e => labels.GetIndex(e.Label))]);
        history.FinalValidation.Should().BeEquivalentTo(expectedMetrics);
    }

    [Fact]
    public void Train_Ensemble_ValidatesEveryModelOnTheSplittersValidationSet()
    {
        using var ensemble = SentimentEnsemble.Train(Examples, [Options(seed: 5), Options(seed: 5)], validationFraction: 0.2);

        var expected = ExpectedValidation(0.2, seed: 5);
        foreach (var model in ensemble.Models)
        {
            model.ValidationMetrics.Should().BeEquivalentTo(model.Evaluate(expected));
        }
    }
}
