using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit.Tests.Training;

public sealed class ClassifierTrainerTests : IDisposable
{
    private static readonly ComputeDevice Cpu = TorchBackend.Resolve(DevicePreference.Cpu);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sk-trainer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static TrainerOptions Quick(int epochs = 4) => new()
    {
        Epochs = epochs,
        BatchSize = 16,
        LearningRate = 0.01,
        Seed = 7,
        ValidationFraction = 0,
    };

    [Fact]
    public void Train_RnnOnSyntheticCorpus_ReachesNinetyFivePercentValidation()
    {
        var (train, trainLabels) = SyntheticCorpus.Make(480, seed: 1);
        var (valid, validLabels) = SyntheticCorpus.Make(160, seed: 2);
        using var model = SyntheticCorpus.SmallRnn(seed: 3);
        var trainer = new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, Quick(epochs: 6), Cpu);

        var history = trainer.Train(train, trainLabels, valid, validLabels);

        history.FinalValidation!.Accuracy.Should().BeGreaterThanOrEqualTo(0.95);
        history.Epochs.Should().HaveCount(6);
        history.Epochs[^1].TrainLoss.Should().BeLessThan(history.Epochs[0].TrainLoss);
        history.Epochs.Should().OnlyContain(e => e.SamplesPerSecond > 0 && e.PaddingEfficiency > 0 && e.PaddingEfficiency <= 1);
    }

    [Fact]
    public void Train_BaselineOnSyntheticCorpus_ReachesNinetyFivePercentValidation()
    {
        var (train, trainLabels) = SyntheticCorpus.Make(480, seed: 1);
        var (valid, validLabels) = SyntheticCorpus.Make(160, seed: 2);
        using var model = SyntheticCorpus.SmallBaseline(seed: 3);
        var options = Quick(epochs: 8);
        options.LearningRate = 0.05;
        var trainer = new ClassifierTrainer<SparseDocument>(model, SyntheticCorpus.Labels, options, Cpu);

        var history = trainer.Train(SyntheticCorpus.AsBags(train), trainLabels, SyntheticCorpus.AsBags(valid), validLabels);

        history.FinalValidation!.Accuracy.Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void Train_SameSeedTwice_GivesIdenticalWeights()
    {
        var (train, labels) = SyntheticCorpus.Make(160, seed: 4);
        string Train()
        {
            using var model = SyntheticCorpus.SmallRnn(seed: 5, dropout: 0.3);
            var options = Quick(epochs: 2);
            options.ValidationFraction = 0.2;
            new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, options, Cpu).Train(train, labels);
            return SyntheticCorpus.WeightHash(model);
        }

        Train().Should().Be(Train());
    }

    [Fact]
    public void Train_InterruptedThenResumed_EqualsUninterrupted()
    {
        var (train, labels) = SyntheticCorpus.Make(160, seed: 6);
        TrainerOptions Options(string directory) => new()
        {
            Epochs = 4,
            BatchSize = 16,
            LearningRate = 0.01,
            Seed = 8,
            ValidationFraction = 0.2,
            Schedule = LearningRateScheduleKind.WarmupCosine,
            CheckpointDirectory = directory,
            Resume = true,
        };

        using var uninterrupted = SyntheticCorpus.SmallRnn(seed: 9, dropout: 0.3);
        var full = new ClassifierTrainer<int[]>(uninterrupted, SyntheticCorpus.Labels, Options(Path.Combine(_directory, "full")), Cpu).Train(train, labels);

        // Cancel in the middle of epoch 3: the epoch-2 checkpoint is the last good one.
        var partialDirectory = Path.Combine(_directory, "partial");
        using var cancellation = new CancellationTokenSource();
        using (var first = SyntheticCorpus.SmallRnn(seed: 9, dropout: 0.3))
        {
            var progress = new InlineProgress<TrainingProgress>(p =>
            {
                if (p.Epoch == 3 && p.Step >= 2)
                {
                    cancellation.Cancel();
                }
            });
            var options = Options(partialDirectory);
            options.ProgressIntervalSteps = 1;
            var act = () => new ClassifierTrainer<int[]>(first, SyntheticCorpus.Labels, options, Cpu).Train(train, labels, progress: progress, cancellationToken: cancellation.Token);
            act.Should().Throw<OperationCanceledException>();
        }

        Directory.GetFiles(partialDirectory, "*.ckpt").Select(Path.GetFileName).Should().Equal("epoch-0001.ckpt", "epoch-0002.ckpt");

        // A fresh model with other initial weights: everything must come from the checkpoint.
        using var resumedModel = SyntheticCorpus.SmallRnn(seed: 123, dropout: 0.3);
        var resumed = new ClassifierTrainer<int[]>(resumedModel, SyntheticCorpus.Labels, Options(partialDirectory), Cpu).Train(train, labels);

        resumed.ResumedAfterEpoch.Should().Be(2);
        resumed.Epochs.Select(e => e.Epoch).Should().Equal(1, 2, 3, 4);
        resumed.Epochs.Select(e => e.TrainLoss).Should().Equal(full.Epochs.Select(e => e.TrainLoss));
        SyntheticCorpus.WeightHash(resumedModel).Should().Be(SyntheticCorpus.WeightHash(uninterrupted));
    }

    [Fact]
    public void Train_Cancelled_LeavesLoadableCheckpoint()
    {
        var (train, labels) = SyntheticCorpus.Make(96, seed: 10);
        using var cancellation = new CancellationTokenSource();
        using var model = SyntheticCorpus.SmallRnn(seed: 11);
        var options = Quick(epochs: 3);
        options.CheckpointDirectory = _directory;
        options.ProgressIntervalSteps = 1;
        var progress = new InlineProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 2)
            {
                cancellation.Cancel();
            }
        });

        var act = () => new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, options, Cpu).Train(train, labels, progress: progress, cancellationToken: cancellation.Token);

        act.Should().Throw<OperationCanceledException>();
        using var reloaded = SyntheticCorpus.SmallRnn(seed: 12);
        var resume = Quick(epochs: 1);
        resume.CheckpointDirectory = _directory;
        resume.Resume = true;
        var history = new ClassifierTrainer<int[]>(reloaded, SyntheticCorpus.Labels, resume, Cpu).Train(train, labels);
        history.ResumedAfterEpoch.Should().Be(1);
        history.Epochs.Should().ContainSingle();
    }

    [Fact]
    public void Train_EarlyStopping_RestoresBestEpochWeights()
    {
        // Random labels: nothing generalizes, so validation loss soon rises and training stops.
        var (train, _) = SyntheticCorpus.Make(200, seed: 13);
        var random = new Random(14);
        var labels = train.Select(_ => random.Next(2)).ToArray();
        using var model = SyntheticCorpus.SmallRnn(seed: 15);
        var options = Quick(epochs: 30);
        options.ValidationFraction = 0.25;
        options.LearningRate = 0.02;
        options.EarlyStoppingMetric = EarlyStoppingMetric.Loss;
        options.EarlyStoppingPatience = 2;

        var history = new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, options, Cpu).Train(train, labels);

        history.StoppedEarly.Should().BeTrue();
        history.Epochs.Count.Should().BeLessThan(30);
        history.FinalEpoch.Should().Be(history.BestEpoch);
        var best = history.Epochs.Single(e => e.Epoch == history.BestEpoch).Validation!;
        best.LogLoss.Should().Be(history.Epochs.Min(e => e.Validation!.LogLoss));
        history.FinalValidation!.LogLoss.Should().BeApproximately(best.LogLoss, 1e-6);
        history.FinalValidation.LogLoss.Should().BeLessThan(history.Epochs[^1].Validation!.LogLoss);
    }

    [Fact]
    public void Train_LossBecomesNaN_ThrowsNamingEpochAndStep()
    {
        var (train, labels) = SyntheticCorpus.Make(64, seed: 16);
        var bags = SyntheticCorpus.AsBags(train);
        bags[5] = bags[5] with { Weights = [.. bags[5].Weights.Select(_ => float.NaN)] };
        using var model = SyntheticCorpus.SmallBaseline(seed: 17);

        var act = () => new ClassifierTrainer<SparseDocument>(model, SyntheticCorpus.Labels, Quick(epochs: 1), Cpu).Train(bags, labels);

        act.Should().Throw<TrainingDivergedException>()
            .Where(e => e.Epoch == 1 && e.Step >= 1)
            .WithMessage("The training loss became NaN at epoch 1, step *lower learning rate*");
    }

    [Fact]
    public void Train_EmptyTrainingSet_ThrowsBeforeWork()
    {
        using var model = SyntheticCorpus.SmallRnn(seed: 1);
        var trainer = new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, Quick(), Cpu);

        var act = () => trainer.Train([], []);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("The training set is empty.");
    }

    [Fact]
    public void Train_SingleClass_ThrowsNamingClass()
    {
        using var model = SyntheticCorpus.SmallRnn(seed: 1);
        var trainer = new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, Quick(), Cpu);

        var act = () => trainer.Train([[3, 4], [5, 6]], [1, 1]);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("The training set has only one label ('pos')*");
    }

    [Fact]
    public void Train_LabelOutsideLabelSet_ThrowsNamingIndexAndValue()
    {
        using var model = SyntheticCorpus.SmallRnn(seed: 1);
        var trainer = new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, Quick(), Cpu);

        var act = () => trainer.Train([[3], [4], [5]], [0, 1, 2]);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("The training label at index 2 is 2, outside the label set (0 to 1).");
    }

    [Fact]
    public void Train_EmptyValidationSet_Throws()
    {
        using var model = SyntheticCorpus.SmallRnn(seed: 1);
        var trainer = new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, Quick(), Cpu);

        var act = () => trainer.Train([[3], [7]], [1, 0], [], []);

        act.Should().Throw<InvalidTrainingDataException>().WithMessage("The validation set is empty*");
    }

    [Fact]
    public void Constructor_OptionsOutOfRange_ReportsEveryErrorAtOnce()
    {
        using var model = SyntheticCorpus.SmallRnn(seed: 1);
        var options = new TrainerOptions { Epochs = 0, LearningRate = -1, LabelSmoothing = 1.5, Resume = true };

        var act = () => new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, options, Cpu);

        act.Should().Throw<InvalidOptionsException>()
            .Where(e => e.Errors.Count == 4)
            .WithMessage("*Epochs must be at least 1*LearningRate must be a positive number*LabelSmoothing*Resume needs a CheckpointDirectory*");
    }

    [Fact]
    public void Train_ReportsProgressWithEtaAndThroughput()
    {
        var (train, labels) = SyntheticCorpus.Make(96, seed: 18);
        using var model = SyntheticCorpus.SmallRnn(seed: 19);
        var reports = new List<TrainingProgress>();
        var options = Quick(epochs: 2);
        options.ProgressIntervalSteps = 2;

        new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, options, Cpu).Train(train, labels, progress: new InlineProgress<TrainingProgress>(reports.Add));

        reports.Should().NotBeEmpty();
        reports.Should().OnlyContain(r => r.Epochs == 2 && r.StepsInEpoch == 6 && r.Step % 2 == 0 && r.SamplesPerSecond > 0 && double.IsFinite(r.Loss));
        reports[^1].EstimatedTimeLeft.Should().Be(TimeSpan.Zero);
        reports[0].EstimatedTimeLeft.Should().BePositive();
    }

    [Fact]
    public void Evaluate_AfterTraining_MatchesFinalValidation()
    {
        var (train, labels) = SyntheticCorpus.Make(160, seed: 20);
        var (valid, validLabels) = SyntheticCorpus.Make(64, seed: 21);
        using var model = SyntheticCorpus.SmallRnn(seed: 22);
        var trainer = new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, Quick(epochs: 2), Cpu);

        var history = trainer.Train(train, labels, valid, validLabels);

        trainer.Evaluate(valid, validLabels).Should().BeEquivalentTo(history.FinalValidation);
    }

    [Fact]
    public void Calibrate_OverTrainedModel_LowersValidationCalibrationError()
    {
        var (train, _) = SyntheticCorpus.Make(160, seed: 23);
        var random = new Random(24);
        // Noisy labels: a model that fits them well becomes over-confident on held-out data.
        var (_, clean) = SyntheticCorpus.Make(160, seed: 23);
        var labels = clean.Select(l => random.NextDouble() < 0.25 ? 1 - l : l).ToArray();
        var (valid, validClean) = SyntheticCorpus.Make(200, seed: 25);
        var validLabels = validClean.Select(l => random.NextDouble() < 0.25 ? 1 - l : l).ToArray();
        using var model = SyntheticCorpus.SmallRnn(seed: 26);
        var options = Quick(epochs: 25);
        options.LearningRate = 0.02;
        options.RestoreBestWeights = false;
        var trainer = new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, options, Cpu);
        trainer.Train(train, labels);

        var scaling = trainer.Calibrate(valid, validLabels);

        scaling.Temperature.Should().BeGreaterThan(1);
        scaling.EceAfter.Should().BeLessThan(scaling.EceBefore);
        trainer.Evaluate(valid, validLabels, scaling.Temperature).ExpectedCalibrationError.Should().BeApproximately(scaling.EceAfter, 1e-9);
    }
}
