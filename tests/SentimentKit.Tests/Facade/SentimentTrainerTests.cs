using SentimentKit.Evaluation;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Sequences;
using SentimentKit.Training;

namespace SentimentKit.Tests.Facade;

public class SentimentTrainerTests
{
    [Theory]
    [InlineData(ModelKind.BiLstm)]
    [InlineData(ModelKind.Gru)]
    [InlineData(ModelKind.NGrams)]
    public void Train_TinyReviews_LearnsSentimentAndReports(ModelKind kind)
    {
        var model = kind == ModelKind.Gru
            ? new SentimentTrainer(TinyReviews.Options(kind)).Train(TinyReviews.Make(400, seed: 1))
            : TinyReviews.Shared(kind);
        try
        {
            model.Kind.Should().Be(kind);
            model.Labels.Names.Should().Equal("neg", "pos");
            model.CreatePredictor().Predict("what a great film").Label.Should().Be("pos");
            model.CreatePredictor().Predict("the plot was awful").Label.Should().Be("neg");
            model.ValidationMetrics!.Accuracy.Should().BeGreaterThanOrEqualTo(0.95);
            var report = model.Report!;
            report.TrainCount.Should().Be(320);
            report.ValidationCount.Should().Be(80);
            report.History.Epochs.Should().HaveCount(6);
            report.Device.Should().StartWith("cpu");
            report.Calibration.Should().NotBeNull();
            model.Evaluate(TinyReviews.Make(100, seed: 9)).Accuracy.Should().BeGreaterThanOrEqualTo(0.95);
        }
        finally
        {
            if (kind == ModelKind.Gru)
            {
                model.Dispose();
            }
        }
    }

    [Fact]
    public void Train_Tuples_TrainsTheSameModelAsTextExamples()
    {
        var examples = TinyReviews.Make(60, seed: 2);
        var options = TinyReviews.Options(ModelKind.NGrams, epochs: 2);
        string[] probes = ["what a great film", "the plot was awful", "a film"];

        using var fromTuples = new SentimentTrainer(options).Train(examples.Select(e => (e.Text, e.Label)));
        using var fromExamples = new SentimentTrainer(options).Train(examples);

        fromTuples.Labels.Names.Should().Equal("neg", "pos");
        fromTuples.Report!.ValidationCount.Should().Be(fromExamples.Report!.ValidationCount).And.BePositive();
        using var a = fromTuples.CreatePredictor();
        using var b = fromExamples.CreatePredictor();
        a.PredictBatch(probes).Select(p => p.Probabilities["pos"]).Should().Equal(b.PredictBatch(probes).Select(p => p.Probabilities["pos"]));
    }

    [Fact]
    public void Train_EmptyTrainingSet_ThrowsBeforeWork()
    {
        var act = () => new SentimentTrainer(TinyReviews.Options(ModelKind.BiLstm)).Train([]);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("The training set is empty.");
    }

    [Fact]
    public void Train_SingleLabel_ThrowsNamingLabel()
    {
        var act = () => new SentimentTrainer(TinyReviews.Options(ModelKind.BiLstm)).Train([new TextExample("good", "pos"), new TextExample("fine", "pos")]);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("The training set has only one label ('pos')*");
    }

    [Fact]
    public void Train_ValidationLabelUnknownToTraining_Throws()
    {
        var act = () => new SentimentTrainer(TinyReviews.Options(ModelKind.NGrams)).Train(TinyReviews.Make(20, 3), [new TextExample("meh", "neutral")]);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("Validation example 0 has label 'neutral', which no training example has*");
    }

    [Fact]
    public void Constructor_InvalidOptions_ReportsEveryErrorAtOnce()
    {
        var options = TinyReviews.Options(ModelKind.BiLstm);
        options.CpuThreads = 0;
        options.Trainer.Epochs = 0;
        ((RnnModelOptions)options.Model).Network.HiddenSize = 0;

        var act = () => new SentimentTrainer(options);

        act.Should().Throw<InvalidOptionsException>()
            .Where(e => e.Errors.Count >= 3)
            .WithMessage("*Model.Network.HiddenSize must be at least 1*Trainer.Epochs must be at least 1*CpuThreads*");
    }

    [Fact]
    public async Task TrainAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var options = TinyReviews.Options(ModelKind.BiLstm, epochs: 50);
        options.Trainer.ProgressIntervalSteps = 1;
        var progress = new Training.InlineProgress<TrainingProgress>(p =>
        {
            if (p.Step >= 3)
            {
                cancellation.Cancel();
            }
        });

        var act = () => new SentimentTrainer(options).TrainAsync(TinyReviews.Make(200, 4), progress: progress, cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Train_CudaWhereUnavailable_ThrowsDeviceUnavailable()
    {
        if (TorchBackend.IsCudaAvailable)
        {
            return;
        }

        var options = TinyReviews.Options(ModelKind.NGrams);
        options.Device = DevicePreference.Cuda();

        var act = () => new SentimentTrainer(options).Train(TinyReviews.Make(20, 5));

        act.Should().Throw<DeviceUnavailableException>();
    }

    [Fact]
    public void Train_TinyValidationSet_LeavesTheModelUncalibratedAndSaysWhy()
    {
        var options = TinyReviews.Options(ModelKind.NGrams, epochs: 3);
        options.Trainer.ValidationFraction = 0.1;

        using var model = new SentimentTrainer(options).Train(TinyReviews.Make(100, seed: 4));

        model.Report!.ValidationCount.Should().Be(10);
        model.Calibration.Should().BeNull();
        model.Temperature.Should().Be(1);
        model.Report.CalibrationSkipped.Should().Be("only 10 validation examples; calibration needs at least 30");
    }

    [Fact]
    public void Train_CalibrateOnShortTexts_FitsTheTemperatureOnFirstSentencesToo()
    {
        // Each review: a first sentence with the cue, then neutral sentences that a long-text calibration also sees;
        // one label in six flipped, so that no temperature makes the model certain.
        var reviews = TinyReviews.Make(300, seed: 6)
            .Select((e, i) => new TextExample(
                $"{e.Text} The cast was large and the film ran long. It was shown in {1990 + (i % 20)}.",
                i % 6 == 5 ? (e.Label == "pos" ? "neg" : "pos") : e.Label))
            .ToList();
        var longOnly = TinyReviews.Options(ModelKind.NGrams, epochs: 3);
        var withShort = longOnly.Clone();
        withShort.CalibrateOnShortTexts = true;

        using var a = new SentimentTrainer(withShort).Train(reviews);
        using var b = new SentimentTrainer(longOnly).Train(reviews);

        a.Calibration.Should().NotBeNull();
        b.Calibration.Should().NotBeNull();
        b.Temperature.Should().BeGreaterThan(TemperatureScaling.MinTemperature);
        a.Temperature.Should().NotBe(b.Temperature, "the first sentences are scored differently from the whole reviews");
        a.ValidationMetrics!.Accuracy.Should().Be(b.ValidationMetrics!.Accuracy, "a temperature never changes a label");
    }

    [Fact]
    public void Train_CalibrateOnShortTexts_SingleSentenceTextsAddNothing()
    {
        var reviews = TinyReviews.Make(300, seed: 6);
        var longOnly = TinyReviews.Options(ModelKind.NGrams, epochs: 3);
        var withShort = longOnly.Clone();
        withShort.CalibrateOnShortTexts = true;

        using var a = new SentimentTrainer(withShort).Train(reviews);
        using var b = new SentimentTrainer(longOnly).Train(reviews);

        a.Temperature.Should().Be(b.Temperature);
    }
}
