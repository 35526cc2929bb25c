using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SentimentKit.Evaluation;
using SentimentKit.Training;

namespace SentimentKit.Demo;

/// <summary>Writes the demo's report folder: training curves, confusion matrix, ROC curve, reliability diagram, metrics.json and an index.html showing them.</summary>
internal static class ReportWriter
{
    public static IReadOnlyList<string> Write(string folder, SentimentModel model, ModelEvaluation test, IReadOnlyList<(string Text, SentimentPrediction Prediction)> samples, LearningRateFinderResult? rates = null)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Save(string name, string content)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, content, new UTF8Encoding(false));
            written.Add(path);
        }

        var history = model.Report!.History.Epochs;
        var epochs = (0.5, Math.Max(1.5, history.Count + 0.5));
        var maxLoss = Math.Max(0.1, history.Max(e => Math.Max(e.TrainLoss, e.Validation?.LogLoss ?? 0)) * 1.1);
        Save("loss.svg", SvgCharts.Lines("Loss per epoch", "epoch", "cross-entropy", [
            new("train", [.. history.Select(e => ((double)e.Epoch, e.TrainLoss))], "#4a78c2"),
            new("validation", [.. history.Where(e => e.Validation is not null).Select(e => ((double)e.Epoch, e.Validation!.LogLoss))], "#d1495b", Dashed: true),
        ], epochs, (0, maxLoss), wholeX: true));
        var minAccuracy = Math.Min(0.5, history.Min(e => Math.Min(e.TrainAccuracy, e.Validation?.Accuracy ?? 1)));
        Save("accuracy.svg", SvgCharts.Lines("Accuracy per epoch", "epoch", "accuracy", [
            new("train", [.. history.Select(e => ((double)e.Epoch, e.TrainAccuracy))], "#4a78c2"),
            new("validation", [.. history.Where(e => e.Validation is not null).Select(e => ((double)e.Epoch, e.Validation!.Accuracy))], "#d1495b", Dashed: true),
        ], epochs, (Math.Floor(minAccuracy * 10) / 10, 1), wholeX: true));
        Save("confusion.svg", SvgCharts.ConfusionMatrix(model.Labels.Names, test.Metrics.ConfusionMatrix));
        var positive = model.Labels.Names[^1];
        Save("roc.svg", SvgCharts.Lines(string.Create(CultureInfo.InvariantCulture, $"ROC curve, '{positive}' (AUC {test.Metrics.RocAuc:F4})"), "false-positive rate", "true-positive rate", [
            new(positive, [.. test.RocCurves[positive].Select(p => (p.FalsePositiveRate, p.TruePositiveRate))], "#4a78c2", Markers: false),
        ], (0, 1), (0, 1), diagonal: true));
        if (rates is { Curve.Count: > 1 })
        {
            var points = rates.Curve.Select(p => (Math.Log10(p.LearningRate), p.SmoothedLoss)).ToArray();
            var top = Math.Min(points.Max(p => p.SmoothedLoss), points[0].SmoothedLoss * 2) * 1.1;
            var title = rates.Suggested is { } suggested
                ? string.Create(CultureInfo.InvariantCulture, $"Learning-rate range test (suggested {suggested:G2})")
                : "Learning-rate range test (no clear descent: no rate suggested)";
            List<SvgCharts.Series> series = [new("smoothed loss", [.. points.Where(p => p.SmoothedLoss <= top)], "#4a78c2", Markers: false)];
            if (rates.Suggested is { } rate)
            {
                series.Add(new("suggested", [(Math.Log10(rate), 0), (Math.Log10(rate), top)], "#d1495b", Dashed: true, Markers: false));
            }

            Save("lr-finder.svg", SvgCharts.Lines(title, "learning rate (log10)", "smoothed training loss", series, (points[0].Item1, points[^1].Item1), (0, top), wholeX: true));
        }

        Save("reliability.svg", SvgCharts.Reliability(test.Metrics.CalibrationBins, test.Metrics.ExpectedCalibrationError));

        var json = new JsonObject
        {
            ["model"] = model.Kind.ToString(),
            ["device"] = model.Report.Device,
            ["temperature"] = model.Temperature,
            ["test"] = Output.MetricsJson(test.Metrics),
            ["validation"] = model.ValidationMetrics is null ? null : Output.MetricsJson(model.ValidationMetrics),
            ["leaderboard"] = model.Leaderboard is { } board ? Output.LeaderboardJson(board) : null,
            ["epochs"] = new JsonArray([.. history.Select(e => (JsonNode)new JsonObject
            {
                ["epoch"] = e.Epoch,
                ["train_loss"] = e.TrainLoss,
                ["train_accuracy"] = e.TrainAccuracy,
                ["validation_loss"] = e.Validation?.LogLoss,
                ["validation_accuracy"] = e.Validation?.Accuracy,
                ["samples_per_second"] = e.SamplesPerSecond,
                ["train_seconds"] = e.TrainSeconds,
            })]),
            ["predictions"] = new JsonArray([.. samples.Select(s => (JsonNode)Output.PredictionJson(s.Text, s.Prediction))]),
        };
        Save("metrics.json", json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Save("index.html", Html(folder, model, test.Metrics, samples));
        return written;
    }

    private static string Leaderboard(IReadOnlyList<LeaderboardEntry>? board)
    {
        if (board is null)
        {
            return string.Empty;
        }

        static string E(string s) => WebUtility.HtmlEncode(s);
        static string Or(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
        var html = new StringBuilder("<h2>Leaderboard (validation split; the test reviews were not read)</h2><table><tr><th>recipe</th><th>settings</th><th>status</th><th>accuracy</th><th>macro F1</th><th>log loss</th><th>seconds</th></tr>");
        foreach (var e in board)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{(e.Chosen ? "<b>" + E(e.Recipe) + " (chosen)</b>" : E(e.Recipe))}</td><td>{E(e.Settings)}</td><td>{E(Output.Status(e))}</td><td>{Or(e.ValidationAccuracy, "F4")}</td><td>{Or(e.ValidationMacroF1, "F4")}</td><td>{Or(e.ValidationLogLoss, "F4")}</td><td>{e.Seconds:F1}</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private static string Html(string folder, SentimentModel model, ClassificationMetrics test, IReadOnlyList<(string Text, SentimentPrediction Prediction)> samples)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>SentimentKit demo report</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}img{margin:8px;border:1px solid #ddd}td,th{padding:4px 10px;text-align:right}td:first-child{text-align:left}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>SentimentKit demo: {E(model.Kind.ToString())}</h1><p>{E(model.Report!.Device)}; temperature {model.Temperature:F3}</p>")
            .Append(CultureInfo.InvariantCulture, $"<h2>Test set ({test.Count} reviews)</h2><table><tr><th>accuracy</th><th>macro F1</th><th>ROC-AUC</th><th>log loss</th><th>ECE</th></tr><tr><td>{test.Accuracy:F4}</td><td>{test.MacroF1:F4}</td><td>{test.RocAuc:F4}</td><td>{test.LogLoss:F4}</td><td>{test.ExpectedCalibrationError:F4}</td></tr></table>")
            .Append("<div><img src=\"loss.svg\"><img src=\"accuracy.svg\"><img src=\"confusion.svg\"><img src=\"roc.svg\"><img src=\"reliability.svg\">")
            .Append(File.Exists(Path.Combine(folder, "lr-finder.svg")) ? "<img src=\"lr-finder.svg\">" : string.Empty).Append("</div>")
            .Append(Leaderboard(model.Leaderboard))
            .Append("<h2>Predictions</h2><table><tr><th>text</th><th>label</th><th>confidence</th></tr>");
        foreach (var (text, p) in samples)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(text.Length > 160 ? text[..157] + "..." : text)}</td><td>{E(p.Label)}</td><td>{p.Confidence:P1}</td></tr>");
        }

        return html.Append("</table></body></html>\n").ToString();
    }
}
