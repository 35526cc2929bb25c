using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using SentimentKit.Data;
using Spectre.Console;

namespace SentimentKit.Demo;

/// <summary><c>sentimentkit train</c>: trains a model on a dataset and saves it as one .skm file.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new DataArguments();
        var valid = new Option<string?>("--valid") { Description = "A validation dataset in the same format (instead of --valid-fraction)." };
        var validFraction = new Option<double?>("--valid-fraction") { Description = "Hold out this stratified fraction of the training data for validation (default 0.1)." };
        var model = CommonOptions.Model();
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the training data (default: the recipe's)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Examples per batch (default: the recipe's)." };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Keep at most N tokens per review, head and tail (bilstm and gru: default 400; transformer: word pieces, default 256)." };
        var timeBudget = CommonOptions.TimeBudget(DefaultBudgetSeconds);
        var encoderFiles = new EncoderFiles();
        var device = CommonOptions.Device();
        var seed = new Option<int?>("--seed") { Description = "The seed of every random choice (default 42)." };
        var output = new Option<string>("--out") { Description = "Where to write the model (.skm).", Required = true };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("train", "Train a model and save it as one .skm file.");
        data.AddTo(command);
        command.Add(valid);
        command.Add(validFraction);
        command.Add(model);
        command.Add(epochs);
        command.Add(batchSize);
        command.Add(maxTokens);
        command.Add(timeBudget);
        encoderFiles.AddTo(command);
        command.Add(device);
        command.Add(seed);
        command.Add(output);
        command.Add(json);
        command.Add(verbose);
        command.SetAction((result, cancellationToken) =>
        {
            var outPath = OutputPath.CheckWritable(result.GetValue(output)!, "--out");
            var auto = result.GetValue(model) == CommonOptions.Auto;
            var budget = CommonOptions.ParseTimeBudget(result.GetValue(timeBudget), DefaultBudgetSeconds, auto);
            if (auto)
            {
                return Task.FromResult(TrainAuto(result, data, valid, validFraction, device, seed, budget, outPath, json, verbose, cancellationToken, epochs, batchSize, maxTokens));
            }

            var options = SentimentTrainerOptions.FromRecipe(result.GetValue(model)!);
            var kind = options.Kind;
            options.Device = CommonOptions.ParseDevice(result.GetValue(device)!);
            encoderFiles.Apply(result, options);
            if (result.GetValue(seed) is { } s)
            {
                options.Trainer.Seed = s;
            }

            if (result.GetValue(epochs) is { } e)
            {
                options.Trainer.Epochs = e >= 1 ? e : throw new UsageException($"--epochs must be at least 1 (got {e}).");
            }

            if (result.GetValue(batchSize) is { } b)
            {
                options.Trainer.BatchSize = b >= 1 ? b : throw new UsageException($"--batch-size must be at least 1 (got {b}).");
            }

            if (result.GetValue(maxTokens) is { } m)
            {
                _ = m >= 1 ? m : throw new UsageException($"--max-tokens must be at least 1 (got {m}).");
                switch (options.Model)
                {
                    case RnnModelOptions rnn:
                        rnn.Network.MaxTokens = m;
                        break;
                    case TransformerModelOptions transformer:
                        transformer.MaxTokens = m;
                        break;
                    default:
                        throw new UsageException("--max-tokens applies to the bilstm, gru and transformer models; the n-gram models read every token.");
                }
            }

            var validPath = result.GetValue(valid);
            if (result.GetValue(validFraction) is { } f)
            {
                options.Trainer.ValidationFraction = validPath is not null ? throw new UsageException("give --valid or --valid-fraction, not both.")
                    : f is >= 0 and < 1 ? f : throw new UsageException($"--valid-fraction must be at least 0 and below 1 (got {f.ToString(CultureInfo.InvariantCulture)}).");
            }

            var seedValue = options.Trainer.Seed;
            var train = data.Load(result, ImdbSplit.Train, seedValue);
            var validation = validPath is null ? null : data.Load(result, ImdbSplit.Test, seedValue, validPath);
            using var logging = CommonOptions.Logging(result.GetValue(verbose));
            var trainer = new SentimentTrainer(options, logging.CreateLogger("SentimentKit"));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sentimentkit: training {kind} on {train.Count} examples{(validation is null ? string.Empty : $", validating on {validation.Count}")}"));
            using var trained = TrainingProgressView.Run(progress => trainer.Train(train, validation, progress, cancellationToken));
            OutputPath.SaveOrRescue(trained, outPath);
            Summarize(trained, outPath, result.GetValue(json));
            return Task.FromResult(0);
        });
        return command;
    }

    // What a 2-core CPU needs for the n-gram models and a few epochs of a recurrent one on a few thousand reviews.
    private const double DefaultBudgetSeconds = 300;

    private static int TrainAuto(
        ParseResult result, DataArguments data, Option<string?> valid, Option<double?> validFraction, Option<string> device, Option<int?> seed, TimeSpan budget,
        string outPath, Option<bool> json, Option<bool> verbose, CancellationToken cancellationToken, params Option<int?>[] perRecipe)
    {
        if (perRecipe.FirstOrDefault(o => result.GetValue(o) is not null) is { } given)
        {
            throw new UsageException($"{given.Name} applies to one recipe; --model auto fits each recipe to the data.");
        }

        var options = new AutoTrainerOptions { TimeBudget = budget, Device = CommonOptions.ParseDevice(result.GetValue(device)!) };
        options.Seed = result.GetValue(seed) ?? options.Seed;
        var validPath = result.GetValue(valid);
        if (result.GetValue(validFraction) is { } f)
        {
            options.ValidationFraction = validPath is not null ? throw new UsageException("give --valid or --valid-fraction, not both.")
                : f is > 0 and <= 0.5 ? f : throw new UsageException($"--valid-fraction must be above 0 and at most 0.5 with --model auto (got {f.ToString(CultureInfo.InvariantCulture)}).");
        }

        var train = data.Load(result, ImdbSplit.Train, options.Seed);
        var validation = validPath is null ? null : data.Load(result, ImdbSplit.Test, options.Seed, validPath);
        if (train.Any(e => e.IsMultiLabel))
        {
            // Before the budget line is printed: the refusal stays one line.
            throw new UsageException("--model auto chooses among single-label models only; the data has label sets: choose a model (bilstm, gru, baseline, nbsvm or transformer) to train a multi-label one.");
        }

        using var logging = CommonOptions.Logging(result.GetValue(verbose));
        using var trained = AutoTraining.Train(options, train, validation, logging.CreateLogger("SentimentKit"), cancellationToken);
        OutputPath.SaveOrRescue(trained, outPath);
        Summarize(trained, outPath, result.GetValue(json));
        return 0;
    }

    private static void Summarize(SentimentModel model, string path, bool json)
    {
        var report = model.Report!;
        if (json)
        {
            var epochs = new JsonArray([.. report.History.Epochs.Select(e => (JsonNode)new JsonObject
            {
                ["epoch"] = e.Epoch,
                ["train_loss"] = e.TrainLoss,
                ["train_accuracy"] = e.TrainAccuracy,
                ["validation_accuracy"] = e.Validation?.Accuracy,
                ["validation_micro_f1"] = e.MultiLabelValidation?.MicroF1,
                ["samples_per_second"] = e.SamplesPerSecond,
                ["seconds"] = e.TrainSeconds,
            })]);
            Output.WriteJson(new JsonObject
            {
                ["model"] = path,
                ["kind"] = model.Kind.ToString(),
                ["device"] = report.Device,
                ["train_count"] = report.TrainCount,
                ["validation_count"] = report.ValidationCount,
                ["feature_count"] = report.FeatureCount,
                ["preparation_seconds"] = report.PreparationSeconds,
                ["training_seconds"] = report.TrainingSeconds,
                ["temperature"] = model.Temperature,
                ["epochs"] = epochs,
                ["task"] = model.Task == ClassificationTask.MultiLabel ? "multi_label" : "single_label",
                ["thresholds"] = model.Thresholds is { } thresholds ? new JsonArray([.. model.Labels.Names.Select((l, i) => (JsonNode)new JsonObject { ["label"] = l, ["threshold"] = thresholds[i] })]) : null,
                ["validation"] = model.ValidationMetrics is { } single ? Output.MetricsJson(single)
                    : report.MultiLabelValidation is { } multi ? Output.MultiLabelMetricsJson(multi) : null,
                ["validation_at_threshold_0_5"] = report.MultiLabelValidationAtHalf is { } half ? Output.MultiLabelMetricsJson(half) : null,
                ["leaderboard"] = model.Leaderboard is { } board ? Output.LeaderboardJson(board) : null,
            });
            return;
        }

        var multiLabel = model.Task == ClassificationTask.MultiLabel;
        var table = new Table().Title($"{model.Kind}{(multiLabel ? " (multi-label)" : string.Empty)} trained on {report.Device}").AddColumn("epoch").AddColumn(new TableColumn("train loss").RightAligned())
            .AddColumn(new TableColumn("train acc").RightAligned()).AddColumn(new TableColumn(multiLabel ? "valid micro F1" : "valid acc").RightAligned())
            .AddColumn(new TableColumn("samples/s").RightAligned()).AddColumn(new TableColumn("seconds").RightAligned());
        foreach (var e in report.History.Epochs)
        {
            table.AddRow(
                e.Epoch.ToString(CultureInfo.InvariantCulture),
                e.TrainLoss.ToString("F4", CultureInfo.InvariantCulture),
                e.TrainAccuracy.ToString("P2", CultureInfo.InvariantCulture),
                e.Validation?.Accuracy.ToString("P2", CultureInfo.InvariantCulture) ?? e.MultiLabelValidation?.MicroF1.ToString("F4", CultureInfo.InvariantCulture) ?? "-",
                e.SamplesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                e.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        if (model.Leaderboard is { } leaderboard)
        {
            Output.WriteLeaderboard(leaderboard, "auto: the candidates on the validation split (* chosen)");
        }

        if (model.ValidationMetrics is { } metrics)
        {
            Output.WriteMetrics(metrics, "validation (final weights, calibrated)");
        }

        if (report.MultiLabelValidation is { } multiLabelMetrics)
        {
            Output.WriteMultiLabelMetrics(multiLabelMetrics, string.Create(
                CultureInfo.InvariantCulture,
                $"validation (final weights, tuned thresholds; micro F1 at 0.5: {report.MultiLabelValidationAtHalf?.MicroF1:F4})"));
        }

        AnsiConsole.MarkupLine($"saved [bold]{Markup.Escape(path)}[/] ({new FileInfo(path).Length / 1024.0 / 1024:F1} MB)");
    }
}
