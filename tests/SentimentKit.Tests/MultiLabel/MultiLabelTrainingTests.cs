using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Evaluation;
using Xunit.Abstractions;

namespace SentimentKit.Tests.MultiLabel;

/// <summary>Multi-label training through the facade, the same for every model kind: sigmoids, BCE, thresholds, calibration.</summary>
public sealed class MultiLabelTrainingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(ModelKind.NGrams)]
    [InlineData(ModelKind.Gru)]
    [InlineData(ModelKind.Transformer)]
    public void Train_GeneratedCorpus_ReachesMicroF1OfAtLeast95Percent(ModelKind kind)
    {
        var model = MultiLabelCorpus.Shared(kind);

        var metrics = model.EvaluateMultiLabel(MultiLabelCorpus.Make(400, seed: 2));

        output.WriteLine(FormattableString.Invariant($"{kind}: micro F1 {metrics.MicroF1:F4}, macro F1 {metrics.MacroF1:F4}, subset accuracy {metrics.SubsetAccuracy:F4}, thresholds {string.Join(' ', model.Thresholds!)}"));
        model.Task.Should().Be(ClassificationTask.MultiLabel);
        model.Labels.Names.Should().Equal(MultiLabelCorpus.Labels);
        metrics.MicroF1.Should().BeGreaterThanOrEqualTo(0.95);
        model.Report!.Task.Should().Be(ClassificationTask.MultiLabel);
        model.Report.MultiLabelValidation.Should().NotBeNull();
        model.Report.History.Epochs.Should().OnlyContain(e => e.MultiLabelValidation != null && e.Validation == null);
    }

    [Fact]
    public void Predict_TextWithTwoCues_ReturnsBothLabelsAndEveryProbability()
    {
        var predictor = MultiLabelCorpus.Shared(ModelKind.NGrams).CreatePredictor();

        var predictions = predictor.PredictBatch(["the movie great the plot boring.", "the film was a story of the cast."]);

        predictions[0].Labels.Should().BeEquivalentTo("joy", "boredom");
        predictions[0].Label.Split('|').Should().BeEquivalentTo("joy", "boredom");
        predictions[0].Probabilities.Keys.Should().Equal(MultiLabelCorpus.Labels);
        predictions[0].Probabilities["joy"].Should().BeGreaterThan(predictions[0].Probabilities["anger"]);
        predictions[1].Labels.Should().BeEmpty();
        predictions[1].Label.Should().BeEmpty();
        predictions[1].IsMultiLabel.Should().BeTrue();
        var p = predictions[1].Probabilities.Values.ToArray();
        predictions[1].Confidence.Should().BeApproximately(p.Aggregate(1.0, (product, v) => product * (1 - v)), 1e-9, "the empty set's probability is the product of 1 - p");
    }

    [Theory]
    [InlineData(ModelKind.NGrams)]
    [InlineData(ModelKind.Gru)]
    public void Explain_TwoLabels_AttributesEachLabelToItsOwnCue(ModelKind kind)
    {
        var predictor = MultiLabelCorpus.Shared(kind).CreatePredictor();

        var explanation = predictor.Explain("the movie great the plot boring");

        explanation.PerLabel.Should().NotBeNull();
        explanation.PerLabel!.Keys.Should().BeEquivalentTo("joy", "boredom");
        explanation.PerLabel["joy"].MaxBy(t => t.Attribution)!.Token.Should().Be("great");
        explanation.PerLabel["boredom"].MaxBy(t => t.Attribution)!.Token.Should().Be("boring");
        explanation.Tokens.Should().BeSameAs(explanation.PerLabel[explanation.Prediction.Labels![0]]);
    }

    [Fact]
    public void Train_RareLabel_TunedThresholdsBeatFixedHalf()
    {
        var options = MultiLabelCorpus.Options(ModelKind.NGrams);
        options.Trainer.Epochs = 2;
        options.Trainer.LearningRate = 0.02;
        using var model = new SentimentTrainer(options).Train(MultiLabelCorpus.MakeRare(900, seed: 3));
        var test = MultiLabelCorpus.MakeRare(1200, seed: 4);
        var predictor = model.CreatePredictor();
        var rows = predictor.PredictBatch(test.Select(e => e.Text)).Select(p => model.Labels.Names.Select(l => (float)p.Probabilities[l]).ToArray()).ToArray();
        var truth = test.Select(e => model.Labels.Names.Select(l => e.Labels!.Contains(l)).ToArray()).ToArray();

        var tuned = model.EvaluateMultiLabel(test);
        var half = MultiLabelEvaluation.Compute(model.Labels.Names, truth, rows, [.. model.Labels.Names.Select(_ => 0.5f)]);

        var rare = model.Labels.GetIndex("rare");
        output.WriteLine(FormattableString.Invariant($"thresholds {string.Join(' ', model.Thresholds!)}; rare F1 tuned {tuned.PerLabel[rare].F1:F4} vs 0.5 {half.PerLabel[rare].F1:F4}; macro F1 {tuned.MacroF1:F4} vs {half.MacroF1:F4}"));
        model.Thresholds![rare].Should().BeLessThan(0.5f);
        tuned.PerLabel[rare].F1.Should().BeGreaterThan(half.PerLabel[rare].F1 + 0.05);
        tuned.MacroF1.Should().BeGreaterThan(half.MacroF1);
        model.Report!.MultiLabelValidation!.MacroF1.Should().BeGreaterThan(model.Report.MultiLabelValidationAtHalf!.MacroF1);
    }

    [Fact]
    public void Train_WithoutThresholdTuning_KeepsHalfForEveryLabel()
    {
        var options = MultiLabelCorpus.Options(ModelKind.NGrams);
        options.Trainer.Epochs = 2;
        options.TuneThresholds = false;

        using var model = new SentimentTrainer(options).Train(MultiLabelCorpus.MakeRare(300, seed: 3));

        model.Thresholds.Should().OnlyContain(t => t == 0.5f);
    }

    [Fact]
    public void Train_BalancedPositiveWeights_RaisesTheRareLabelsProbabilities()
    {
        var options = MultiLabelCorpus.Options(ModelKind.NGrams);
        options.Trainer.Epochs = 2;
        options.Trainer.LearningRate = 0.02;
        options.Calibrate = false;
        var data = MultiLabelCorpus.MakeRare(900, seed: 3);
        using var plain = new SentimentTrainer(options).Train(data);
        options.Trainer.ClassWeighting = ClassWeighting.Balanced;
        using var weighted = new SentimentTrainer(options).Train(data);

        double MeanRare(SentimentModel model) => model.CreatePredictor().PredictBatch(data.Where(e => e.Labels!.Contains("rare")).Select(e => e.Text)).Average(p => p.Probabilities["rare"]);

        MeanRare(weighted).Should().BeGreaterThan(MeanRare(plain) + 0.1);
    }

    [Fact]
    public void Train_MixedSingleAndMultiLabelExamples_ThrowsInvalidTrainingData()
    {
        var data = MultiLabelCorpus.Make(40, seed: 1);
        data.Add(new TextExample("a plain text", "joy"));

        var act = () => new SentimentTrainer(MultiLabelCorpus.Options(ModelKind.NGrams)).Train(data);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("*training example 40*one label*label set*");
    }

    [Fact]
    public void Train_ValidationLabelUnknownToTraining_ThrowsInvalidTrainingData()
    {
        var validation = new[] { TextExample.WithLabels("a great film", ["joy", "surprise"]) };

        var act = () => new SentimentTrainer(MultiLabelCorpus.Options(ModelKind.NGrams)).Train(MultiLabelCorpus.Make(40, seed: 1), validation);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("*'surprise'*validation example 0*");
    }

    [Fact]
    public void Train_OneLabelOnly_ThrowsInvalidTrainingData()
    {
        var data = Enumerable.Range(0, 20).Select(i => TextExample.WithLabels($"text {i}", i % 2 == 0 ? ["joy"] : [])).ToList();

        var act = () => new SentimentTrainer(MultiLabelCorpus.Options(ModelKind.NGrams)).Train(data);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("*only one label ('joy')*");
    }

    [Fact]
    public void Evaluate_MultiLabelDataOnSingleLabelModel_ThrowsInvalidTrainingData()
    {
        var single = Facade.TinyReviews.Shared(ModelKind.NGrams);

        var act = () => single.Evaluate(MultiLabelCorpus.Make(10, seed: 5));
        var actMulti = () => single.EvaluateMultiLabel(MultiLabelCorpus.Make(10, seed: 5));
        var actPredictor = () => single.CreatePredictor().Evaluate(MultiLabelCorpus.Make(10, seed: 5));

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("*single-label*example 0 (generated:1) has a label set*");
        actMulti.Should().Throw<InvalidTrainingDataException>().WithMessage("*trained single-label*");
        actPredictor.Should().Throw<InvalidTrainingDataException>().WithMessage("*single-label*label set*");
    }

    [Fact]
    public void EvaluateMultiLabel_SingleLabelDataOnMultiLabelModel_ThrowsInvalidTrainingData()
    {
        var model = MultiLabelCorpus.Shared(ModelKind.NGrams);

        var act = () => model.EvaluateMultiLabel([new TextExample("a great film", "joy") { SourceId = "x.tsv:2" }]);
        var actSingle = () => model.Evaluate([TextExample.WithLabels("a great film", ["joy"])]);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("*multi-label but example 0 (x.tsv:2) has one label ('joy')*--label-separator*");
        actSingle.Should().Throw<InvalidOperationException>().WithMessage("*multi-label*EvaluateMultiLabel*");
    }

    [Fact]
    public void Ensemble_MultiLabelModel_IsRefused()
    {
        var act = () => new SentimentEnsemble([MultiLabelCorpus.Shared(ModelKind.NGrams)]);
        var actTrain = () => SentimentEnsemble.Train(MultiLabelCorpus.Make(40, seed: 1));
        var actAuto = () => new SentimentAutoTrainer(new AutoTrainerOptions { Device = DevicePreference.Cpu }).Train(MultiLabelCorpus.Make(40, seed: 1));

        act.Should().Throw<ArgumentException>().WithMessage("*multi-label*");
        actTrain.Should().Throw<InvalidTrainingDataException>().WithMessage("*label sets*single-label*");
        actAuto.Should().Throw<InvalidTrainingDataException>().WithMessage("*label sets*--model auto*");
    }

    [Fact]
    public void FindLearningRate_MultiLabelData_RunsTheBinaryCrossEntropyCurve()
    {
        var result = new SentimentTrainer(MultiLabelCorpus.Options(ModelKind.NGrams)).FindLearningRate(
            MultiLabelCorpus.Make(200, seed: 1), new LearningRateFinderOptions { Steps = 30 });

        result.Curve.Should().NotBeEmpty();
        result.Curve.Should().OnlyContain(p => double.IsFinite(p.Loss) && p.Loss >= 0);
    }
}
