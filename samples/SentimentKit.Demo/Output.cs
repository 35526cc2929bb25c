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

    public static JsonObject PredictionJson(string text, SentimentPrediction p)
    {
        var probabilities = new JsonObject();
        foreach (var (label, probability) in p.Probabilities)
        {
            probabilities[label] = probability;
        }

        return new JsonObject { ["text"] = text, ["label"] = p.Label, ["confidence"] = p.Confidence, ["probabilities"] = probabilities };
    }

    public static JsonObject ExplanationJson(string text, SentimentExplanation explanation)
    {
        var json = PredictionJson(text, explanation.Prediction);
        json["tokens"] = new JsonArray([.. explanation.Tokens.Select(t => (JsonNode)new JsonObject { ["token"] = t.Token, ["attribution"] = t.Attribution })]);
        return json;
    }

    /// <summary>
    /// The label and its confidence, then the words shaded by attribution: green pushes toward the label, red away,
    /// brighter for more (scaled to the text's strongest word).
    /// </summary>
    public static void WriteExplanation(SentimentExplanation explanation)
    {
        var prediction = explanation.Prediction;
        var strongest = explanation.Tokens.Count == 0 ? 0 : explanation.Tokens.Max(t => Math.Abs(t.Attribution));
        var words = explanation.Tokens.Select(t =>
        {
            var share = strongest > 0 ? Math.Abs(t.Attribution) / strongest : 0;
            var level = (int)Math.Round(share * 3);
            var colour = level == 0 ? "grey" : t.Attribution > 0 ? (level >= 3 ? "bold green" : level == 2 ? "green" : "darkgreen") : (level >= 3 ? "bold red" : level == 2 ? "red" : "darkred");
            return $"[{colour}]{Markup.Escape(t.Token)}[/]";
        });
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(prediction.Label)}[/] {prediction.Confidence.ToString("P1", CultureInfo.InvariantCulture)}  {string.Join(' ', words)}");
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
        var table = new Table().AddColumn("text").AddColumn("label").AddColumn(new TableColumn("confidence").RightAligned());
        foreach (var (text, p) in rows)
        {
            var shown = text.Length > 90 ? text[..87] + "..." : text;
            table.AddRow(Markup.Escape(shown.ReplaceLineEndings(" ")), Markup.Escape(p.Label), p.Confidence.ToString("P1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
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
