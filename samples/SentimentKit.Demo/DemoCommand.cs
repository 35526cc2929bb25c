using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SentimentKit.Data;
using SentimentKit.Devices;
using Spectre.Console;

namespace SentimentKit.Demo;

/// <summary>
/// <c>sentimentkit demo</c>: the whole job on the embedded IMDB sample — pick and train the best model the budget
/// allows (<c>--model auto</c>, or one recipe), evaluate it on held-out reviews, show predictions, and write a report folder.
/// </summary>
internal static class DemoCommand
{
    private const string Resource = "SentimentKit.Demo.Data.imdb-sample.tar.gz";

    // The recipe's 4 epochs suit 25,000 reviews; on the sample's 1,800 the BiLSTM needs about 10
    // (77% on the held-out 1,000, about 2 minutes on 2 cores).
    private const int DemoEpochs = 10;

    // The whole demo within about 3 minutes on 2 cores: the n-gram models take seconds, the rest goes to a recurrent one.
    private const double DemoBudgetSeconds = 120;

    // A pretrained encoder needs few reviews and few passes, and a CPU cannot give it many: --model transformer reads
    // every ninth training review (223), cut to 64 word pieces (head and tail), for 2 epochs; the test reviews are cut
    // the same way. 600 reviews of 128 pieces took about 3 s a review per epoch on 2 shared cores: far from minutes.
    private const int TransformerEpochs = 2;
    private const int TransformerEvery = 9;
    private const int TransformerMaxTokens = 64;

    private static readonly string[] NotebookSentences =
    [
        "This is absolutely wonderful",
        "Terrible waste of time",
        "Not bad but could be better",
    ];

    public static Command Create()
    {
        var model = CommonOptions.Model(CommonOptions.Auto);
        var epochs = new Option<int?>("--epochs") { Description = string.Create(CultureInfo.InvariantCulture, $"Passes over the training reviews of one recipe (default {DemoEpochs}; transformer {TransformerEpochs}).") };
        var encoderFiles = new EncoderFiles();
        var timeBudget = CommonOptions.TimeBudget(DemoBudgetSeconds);
        var deviceOption = CommonOptions.Device();
        var seed = new Option<int>("--seed") { Description = "The seed of every random choice.", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "The report folder.", DefaultValueFactory = _ => "sentimentkit-report" };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("demo", "Pick and train a model on the embedded IMDB sample (2,000 train / 1,000 test reviews), evaluate it and write a report.")
        {
            model, epochs, timeBudget, deviceOption, seed, output, json, verbose,
        };
        encoderFiles.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var folder = OutputPath.CheckWritableFolder(result.GetValue(output)!, "--out");
            var name = result.GetValue(model)!;
            var auto = name == CommonOptions.Auto;
            var budget = CommonOptions.ParseTimeBudget(result.GetValue(timeBudget), DemoBudgetSeconds, auto);
            var device = CommonOptions.ParseDevice(result.GetValue(deviceOption)!);
            if (auto && result.GetValue(epochs) is not null)
            {
                throw new UsageException("--epochs applies to one recipe; --model auto fits each recipe to the data.");
            }

            var train = LoadEmbedded(ImdbSplit.Train);
            var test = LoadEmbedded(ImdbSplit.Test);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sentimentkit demo: {name} on the embedded IMDB sample, {train.Count} training and {test.Count} test reviews"));
            using var logging = CommonOptions.Logging(result.GetValue(verbose));
            var logger = logging.CreateLogger("SentimentKit");
            using var trained = auto
                ? AutoTraining.Train(new AutoTrainerOptions { TimeBudget = budget, Device = device, Seed = result.GetValue(seed) }, train, null, logger, cancellationToken)
                : TrainRecipe(name, options => Configure(options, result, encoderFiles, epochs, train), device, result.GetValue(seed), train, logger, cancellationToken);
            var kind = trained.Kind;
            var evaluation = trained.EvaluateDetailed(test, cancellationToken);
            using var predictor = trained.CreatePredictor();
            var samples = NotebookSentences.Concat(test.Where((_, i) => i % 250 == 0).Select(x => x.Text)).ToArray();
            var predictions = samples.Zip(predictor.PredictBatch(samples, cancellationToken)).ToArray();
            // The range test fine-tunes the encoder for 80 batches: minutes for a transformer on a CPU, so its report has no curve.
            // An ensemble's curve is its best single candidate's (the members were trained by their own recipes).
            var curveRecipe = trained.Leaderboard?.Where(e => e.Kind != ModelKind.Ensemble && e.ValidationAccuracy is not null).MaxBy(e => e.ValidationAccuracy)?.Recipe ?? name;
            // A recipe that ran its own range test before training (a recurrent one on small data) has its curve already.
            var rates = trained.Report?.LearningRateRangeTest ?? (kind == ModelKind.Transformer ? null : FindLearningRate(curveRecipe, auto, device, train, cancellationToken));
            var files = ReportWriter.Write(folder, trained, evaluation, predictions, rates);
            var modelPath = Path.Combine(folder, "model.skm");
            OutputPath.SaveOrRescue(trained, modelPath);

            if (result.GetValue(json))
            {
                Output.WriteJson(new JsonObject
                {
                    ["model_kind"] = kind.ToString(),
                    ["test"] = Output.MetricsJson(evaluation.Metrics),
                    ["leaderboard"] = trained.Leaderboard is { } board ? Output.LeaderboardJson(board) : null,
                    ["report"] = Path.GetFullPath(folder),
                    ["model"] = Path.GetFullPath(modelPath),
                    ["predictions"] = new JsonArray([.. predictions.Select(p => (JsonNode)Output.PredictionJson(p.First, p.Second))]),
                });
                return Task.FromResult(0);
            }

            if (trained.Leaderboard is { } leaderboard)
            {
                Output.WriteLeaderboard(leaderboard, "auto: the candidates on the validation split (* chosen); the test reviews were not read");
            }

            Output.WriteMetrics(evaluation.Metrics, string.Create(CultureInfo.InvariantCulture, $"{kind} on {test.Count} held-out IMDB reviews"));
            Output.WritePredictions(predictions);
            AnsiConsole.MarkupLine($"report: [bold]{Markup.Escape(Path.GetFullPath(Path.Combine(folder, "index.html")))}[/] ({files.Count} files), model: [bold]{Markup.Escape(modelPath)}[/]");
            return Task.FromResult(0);
        });
        return command;
    }

    // The range test of the chosen recipe on the training reviews, for the report's curve (80 batches: seconds for the n-gram models).
    private static LearningRateFinderResult FindLearningRate(string recipe, bool derived, DevicePreference device, IReadOnlyList<TextExample> train, CancellationToken cancellationToken)
    {
        var options = derived ? SentimentTrainerOptions.FromRecipe(recipe, DatasetStatistics.Compute(train)) : SentimentTrainerOptions.FromRecipe(recipe);
        options.Device = device;
        Console.Error.WriteLine($"sentimentkit demo: learning-rate range test of {recipe}");
        return new SentimentTrainer(options).FindLearningRate(train, new LearningRateFinderOptions { Steps = 80 }, cancellationToken: cancellationToken);
    }

    // The demo's settings of one recipe: its encoder files, and for a transformer fewer and shorter reviews.
    private static IReadOnlyList<TextExample> Configure(
        SentimentTrainerOptions options, ParseResult result, EncoderFiles encoderFiles, Option<int?> epochs, IReadOnlyList<TextExample> train)
    {
        encoderFiles.Apply(result, options);
        var transformer = options.Model as TransformerModelOptions;
        if (transformer is not null)
        {
            transformer.MaxTokens = TransformerMaxTokens;
            train = [.. train.Where((_, i) => i % TransformerEvery == 0)];
        }

        var epochCount = result.GetValue(epochs) ?? (transformer is null ? DemoEpochs : TransformerEpochs);
        options.Trainer.Epochs = epochCount >= 1 ? epochCount : throw new UsageException($"--epochs must be at least 1 (got {epochCount}).");
        return train;
    }

    private static SentimentModel TrainRecipe(
        string name, Func<SentimentTrainerOptions, IReadOnlyList<TextExample>> configure, DevicePreference device, int seed, IReadOnlyList<TextExample> train, ILogger logger, CancellationToken cancellationToken)
    {
        var options = SentimentTrainerOptions.FromRecipe(name);
        options.Device = device;
        options.Trainer.Seed = seed;
        train = configure(options);
        var trainer = new SentimentTrainer(options, logger);
        return TrainingProgressView.Run(progress => trainer.Train(train, null, progress, cancellationToken));
    }

    private static IReadOnlyList<TextExample> LoadEmbedded(ImdbSplit split)
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded sample {Resource} is missing from the build.");
        return ImdbLoader.LoadArchive(stream, "embedded IMDB sample", new DataLoadOptions { Split = split }).Examples;
    }
}
