using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using SentimentKit.Data;
using Spectre.Console;

namespace SentimentKit.Demo;

/// <summary>
/// <c>sentimentkit demo</c>: the whole job on the embedded IMDB sample — train the default
/// BiLSTM, evaluate it on held-out reviews, show predictions, and write a report folder.
/// </summary>
internal static class DemoCommand
{
    private const string Resource = "SentimentKit.Demo.Data.imdb-sample.tar.gz";

    // The recipe's 4 epochs suit 25,000 reviews; on the sample's 1,800 the BiLSTM needs about 10
    // (77% on the held-out 1,000, about 2 minutes on 2 cores).
    private const int DemoEpochs = 10;

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
        var model = CommonOptions.Model();
        var epochs = new Option<int?>("--epochs") { Description = $"Passes over the training reviews (default {DemoEpochs}; transformer {TransformerEpochs})." };
        var encoderFiles = new EncoderFiles();
        var device = CommonOptions.Device();
        var seed = new Option<int>("--seed") { Description = "The seed of every random choice.", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "The report folder.", DefaultValueFactory = _ => "sentimentkit-report" };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("demo", "Train the default BiLSTM on the embedded IMDB sample (2,000 train / 1,000 test reviews), evaluate it and write a report.")
        {
            model, epochs, device, seed, output, json, verbose,
        };
        encoderFiles.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var folder = OutputPath.CheckWritableFolder(result.GetValue(output)!, "--out");
            var options = SentimentTrainerOptions.FromRecipe(result.GetValue(model)!);
            var kind = options.Kind;
            options.Device = CommonOptions.ParseDevice(result.GetValue(device)!);
            options.Trainer.Seed = result.GetValue(seed);
            encoderFiles.Apply(result, options);
            var train = LoadEmbedded(ImdbSplit.Train);
            var transformer = options.Model as TransformerModelOptions;
            if (transformer is not null)
            {
                transformer.MaxTokens = TransformerMaxTokens;
                train = [.. train.Where((_, i) => i % TransformerEvery == 0)];
            }

            var epochCount = result.GetValue(epochs) ?? (transformer is null ? DemoEpochs : TransformerEpochs);
            options.Trainer.Epochs = epochCount >= 1 ? epochCount : throw new UsageException($"--epochs must be at least 1 (got {epochCount}).");

            var test = LoadEmbedded(ImdbSplit.Test);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sentimentkit demo: {kind} on the embedded IMDB sample, {train.Count} training and {test.Count} test reviews"));
            using var logging = CommonOptions.Logging(result.GetValue(verbose));
            var trainer = new SentimentTrainer(options, logging.CreateLogger("SentimentKit"));
            using var trained = TrainingProgressView.Run(progress => trainer.Train(train, null, progress, cancellationToken));
            var evaluation = trained.EvaluateDetailed(test, cancellationToken);
            using var predictor = trained.CreatePredictor();
            var samples = NotebookSentences.Concat(test.Where((_, i) => i % 250 == 0).Select(x => x.Text)).ToArray();
            var predictions = samples.Zip(predictor.PredictBatch(samples, cancellationToken)).ToArray();
            var files = ReportWriter.Write(folder, trained, evaluation, predictions);
            var modelPath = Path.Combine(folder, "model.skm");
            OutputPath.SaveOrRescue(trained, modelPath);

            if (result.GetValue(json))
            {
                Output.WriteJson(new JsonObject
                {
                    ["test"] = Output.MetricsJson(evaluation.Metrics),
                    ["report"] = Path.GetFullPath(folder),
                    ["model"] = Path.GetFullPath(modelPath),
                    ["predictions"] = new JsonArray([.. predictions.Select(p => (JsonNode)Output.PredictionJson(p.First, p.Second))]),
                });
                return Task.FromResult(0);
            }

            Output.WriteMetrics(evaluation.Metrics, string.Create(CultureInfo.InvariantCulture, $"{kind} on {test.Count} held-out IMDB reviews"));
            Output.WritePredictions(predictions);
            AnsiConsole.MarkupLine($"report: [bold]{Markup.Escape(Path.GetFullPath(Path.Combine(folder, "index.html")))}[/] ({files.Count} files), model: [bold]{Markup.Escape(modelPath)}[/]");
            return Task.FromResult(0);
        });
        return command;
    }

    private static IReadOnlyList<TextExample> LoadEmbedded(ImdbSplit split)
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded sample {Resource} is missing from the build.");
        return ImdbLoader.LoadArchive(stream, "embedded IMDB sample", new DataLoadOptions { Split = split }).Examples;
    }
}
