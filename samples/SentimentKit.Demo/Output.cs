using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SentimentKit.Evaluation;
using SentimentKit.Training;
using Spectre.Console;

namespace SentimentKit.Demo;

/// <summary>How results are shown: Spectre tables for people, one JSON object for programs.</summary>
internal static class Output
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static JsonObject MetricsJson(ClassificationMetrics m)
    {
        var perClass = new JsonObject();
        foreach (var c in m.PerClass)
        {
            perClass[c.Label] = new JsonObject { ["precision"] = c.Precision, ["recall"] = c.Recall, ["f1"] = c.F1, ["support"] = c.Support };
        }

        return new JsonObject
        {
            ["count"] = m.Count,
            ["accuracy"] = m.Accuracy,
            ["macro_f1"] = m.MacroF1,
            ["micro_f1"] = m.MicroF1,
            ["weighted_f1"] = m.WeightedF1,
            ["roc_auc"] = m.RocAuc,
            ["log_loss"] = m.LogLoss,
            ["brier_score"] = m.BrierScore,
            ["expected_calibration_error"] = m.ExpectedCalibrationError,
            ["labels"] = new JsonArray([.. m.PerClass.Select(c => JsonValue.Create(c.Label))]),
            ["per_class"] = perClass,
            ["confusion_matrix"] = new JsonArray([.. m.ConfusionMatrix.Select(row => new JsonArray([.. row.Select(v => JsonValue.Create(v))]))]),
        };
    }

    /// <summary>
    /// The multi-label metrics as <c>evaluate --json</c> prints them: the averages (micro, macro, weighted F1, Hamming
    /// loss, subset accuracy, label ranking average precision) and, per label, precision, recall, F1, support, ROC-AUC
    /// and the model's threshold.
    /// </summary>
    public static JsonObject MultiLabelMetricsJson(MultiLabelEvaluation m)
    {
        var perLabel = new JsonObject();
        foreach (var l in m.PerLabel)
        {
            perLabel[l.Label] = new JsonObject
            {
                ["precision"] = l.Precision,
                ["recall"] = l.Recall,
                ["f1"] = l.F1,
                ["support"] = l.Support,
                ["roc_auc"] = l.RocAuc,
                ["threshold"] = l.Threshold,
            };
        }

        return new JsonObject
        {
            ["task"] = "multi_label",
            ["count"] = m.Count,
            ["micro_precision"] = m.MicroPrecision,
            ["micro_recall"] = m.MicroRecall,
            ["micro_f1"] = m.MicroF1,
            ["macro_f1"] = m.MacroF1,
            ["weighted_f1"] = m.WeightedF1,
            ["hamming_loss"] = m.HammingLoss,
            ["subset_accuracy"] = m.SubsetAccuracy,
            ["label_ranking_average_precision"] = m.LabelRankingAveragePrecision,
            ["labels"] = new JsonArray([.. m.PerLabel.Select(l => JsonValue.Create(l.Label))]),
            ["per_label"] = perLabel,
        };
    }

    public static JsonObject PredictionJson(string text, SentimentPrediction p)
    {
        var probabilities = new JsonObject();
        foreach (var (label, probability) in p.Probabilities)
        {
            probabilities[label] = probability;
        }

        var json = new JsonObject { ["text"] = text, ["label"] = p.Label, ["confidence"] = p.Confidence, ["probabilities"] = probabilities };
        if (p.Labels is { } labels)
        {
            json["labels"] = Strings(labels);
        }

        return json;
    }

    public static JsonObject ExplanationJson(string text, SentimentExplanation explanation)
    {
        var json = PredictionJson(text, explanation.Prediction);
        json["tokens"] = TokensJson(explanation.Tokens);
        if (explanation.PerLabel is { } perLabel)
        {
            var byLabel = new JsonObject();
            foreach (var (label, tokens) in perLabel)
            {
                byLabel[label] = TokensJson(tokens);
            }

            json["per_label"] = byLabel;
        }

        return json;
    }

    private static JsonArray TokensJson(IReadOnlyList<TokenAttribution> tokens) =>
        new([.. tokens.Select(t => (JsonNode)new JsonObject { ["token"] = t.Token, ["attribution"] = t.Attribution })]);

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    /// <summary>
    /// The label and its confidence, then the words shaded by attribution: green pushes toward the label, red away,
    /// brighter for more (scaled to the text's strongest word).
    /// </summary>
    public static void WriteExplanation(SentimentExplanation explanation)
    {
        if (explanation.PerLabel is { } perLabel)
        {
            // Multi-label: one line per explained label, each shaded toward that label alone.
            foreach (var (label, tokens) in perLabel)
            {
                var probability = explanation.Prediction.Probabilities[label];
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(label)}[/] {probability.ToString("P1", CultureInfo.InvariantCulture)}  {Shaded(tokens)}");
            }

            return;
        }

        var prediction = explanation.Prediction;
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(prediction.Label)}[/] {prediction.Confidence.ToString("P1", CultureInfo.InvariantCulture)}  {Shaded(explanation.Tokens)}");
    }

    // The words shaded by attribution, scaled to the text's strongest word.
    private static string Shaded(IReadOnlyList<TokenAttribution> tokens)
    {
        var strongest = tokens.Count == 0 ? 0 : tokens.Max(t => Math.Abs(t.Attribution));
        var words = tokens.Select(t =>
        {
            var share = strongest > 0 ? Math.Abs(t.Attribution) / strongest : 0;
            var level = (int)Math.Round(share * 3);
            var colour = level == 0 ? "grey" : t.Attribution > 0 ? (level >= 3 ? "bold green" : level == 2 ? "green" : "darkgreen") : (level >= 3 ? "bold red" : level == 2 ? "red" : "darkred");
            return $"[{colour}]{Markup.Escape(t.Token)}[/]";
        });
        return string.Join(' ', words);
    }

    public static void WriteJson(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(Json));

    public static void WriteMetrics(ClassificationMetrics m, string title)
    {
        var summary = new Table().Title(title).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, double value, string format = "F4") => summary.AddRow(name, value.ToString(format, CultureInfo.InvariantCulture));
        summary.AddRow("examples", m.Count.ToString(CultureInfo.InvariantCulture));
        Row("accuracy", m.Accuracy);
        Row("macro F1", m.MacroF1);
        Row("weighted F1", m.WeightedF1);
        Row("ROC-AUC", m.RocAuc);
        Row("log loss", m.LogLoss);
        Row("Brier score", m.BrierScore);
        Row("ECE (15 bins)", m.ExpectedCalibrationError);
        AnsiConsole.Write(summary);

        var perClass = new Table().AddColumn("label").AddColumn(new TableColumn("precision").RightAligned()).AddColumn(new TableColumn("recall").RightAligned())
            .AddColumn(new TableColumn("F1").RightAligned()).AddColumn(new TableColumn("support").RightAligned());
        foreach (var c in m.PerClass)
        {
            perClass.AddRow(Markup.Escape(c.Label), F(c.Precision), F(c.Recall), F(c.F1), c.Support.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(perClass);

        var confusion = new Table().Title("confusion matrix (rows: true, columns: predicted)").AddColumn(string.Empty);
        foreach (var c in m.PerClass)
        {
            confusion.AddColumn(new TableColumn(Markup.Escape(c.Label)).RightAligned());
        }

        for (var i = 0; i < m.PerClass.Count; i++)
        {
            confusion.AddRow([Markup.Escape(m.PerClass[i].Label), .. m.ConfusionMatrix[i].Select(v => v.ToString(CultureInfo.InvariantCulture))]);
        }

        AnsiConsole.Write(confusion);
    }

    public static void WritePredictions(IEnumerable<(string Text, SentimentPrediction Prediction)> rows)
    {
        var list = rows.ToList();
        var multiLabel = list.Count > 0 && list[0].Prediction.IsMultiLabel;
        var table = multiLabel
            ? new Table().AddColumn("text").AddColumn("labels").AddColumn("probabilities")
            : new Table().AddColumn("text").AddColumn("label").AddColumn(new TableColumn("confidence").RightAligned());
        foreach (var (text, p) in list)
        {
            var shown = Markup.Escape((text.Length > 90 ? text[..87] + "..." : text).ReplaceLineEndings(" "));
            if (p.Labels is { } labels)
            {
                var probabilities = string.Join(' ', p.Probabilities.Select(q => $"{q.Key} {q.Value.ToString("P0", CultureInfo.InvariantCulture)}"));
                table.AddRow(shown, Markup.Escape(labels.Count == 0 ? "(none)" : string.Join(", ", labels)), Markup.Escape(probabilities));
            }
            else
            {
                table.AddRow(shown, Markup.Escape(p.Label), p.Confidence.ToString("P1", CultureInfo.InvariantCulture));
            }
        }

        AnsiConsole.Write(table);
    }

    public static void WriteMultiLabelMetrics(MultiLabelEvaluation m, string title)
    {
        var summary = new Table().Title(title).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, double value) => summary.AddRow(name, F(value));
        summary.AddRow("examples", m.Count.ToString(CultureInfo.InvariantCulture));
        Row("micro F1", m.MicroF1);
        Row("macro F1", m.MacroF1);
        Row("weighted F1", m.WeightedF1);
        Row("Hamming loss", m.HammingLoss);
        Row("subset accuracy", m.SubsetAccuracy);
        Row("label ranking avg precision", m.LabelRankingAveragePrecision);
        AnsiConsole.Write(summary);

        var perLabel = new Table().AddColumn("label").AddColumn(new TableColumn("precision").RightAligned()).AddColumn(new TableColumn("recall").RightAligned())
            .AddColumn(new TableColumn("F1").RightAligned()).AddColumn(new TableColumn("support").RightAligned())
            .AddColumn(new TableColumn("ROC-AUC").RightAligned()).AddColumn(new TableColumn("threshold").RightAligned());
        foreach (var l in m.PerLabel)
        {
            perLabel.AddRow(
                Markup.Escape(l.Label), F(l.Precision), F(l.Recall), F(l.F1), l.Support.ToString(CultureInfo.InvariantCulture),
                l.RocAuc is { } auc ? F(auc) : "-", l.Threshold.ToString("F3", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(perLabel);
    }

    public static JsonArray LeaderboardJson(IReadOnlyList<LeaderboardEntry> entries) => new([.. entries.Select(e => (JsonNode)new JsonObject
    {
        ["recipe"] = e.Recipe,
        ["kind"] = e.Kind.ToString(),
        ["settings"] = e.Settings,
        ["status"] = e.Status.ToString(),
        ["validation_accuracy"] = e.ValidationAccuracy,
        ["validation_macro_f1"] = e.ValidationMacroF1,
        ["validation_log_loss"] = e.ValidationLogLoss,
        ["epochs"] = e.Epochs,
        ["seconds"] = e.Seconds,
        ["chosen"] = e.Chosen,
    })]);

    public static void WriteLeaderboard(IReadOnlyList<LeaderboardEntry> entries, string title)
    {
        var table = new Table().Title(title).AddColumn("recipe").AddColumn("settings").AddColumn("status")
            .AddColumn(new TableColumn("accuracy").RightAligned()).AddColumn(new TableColumn("F1").RightAligned())
            .AddColumn(new TableColumn("log loss").RightAligned()).AddColumn(new TableColumn("s").RightAligned());
        static string Or(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
        foreach (var e in entries)
        {
            var name = e.Chosen ? $"[bold]{Markup.Escape(e.Recipe)} *[/]" : Markup.Escape(e.Recipe);
            table.AddRow(name, Markup.Escape(e.Settings), Status(e), Or(e.ValidationAccuracy, "P1"), Or(e.ValidationMacroF1, "F3"), Or(e.ValidationLogLoss, "F3"), e.Seconds.ToString("F0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>A candidate's status in a few words: trained, 3/10 epochs (cut by the budget), out of time, skipped.</summary>
    public static string Status(LeaderboardEntry e) => e.Status switch
    {
        CandidateStatus.Trained => "trained",
        CandidateStatus.CutByBudget => string.Create(CultureInfo.InvariantCulture, $"{e.Epochs} epochs, budget"),
        CandidateStatus.OutOfBudget => "out of time",
        _ => "skipped",
    };

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
