using SentimentKit.Data;
using SentimentKit.Evaluation;

namespace SentimentKit;

/// <summary>What every <see cref="ISentimentPredictor"/> can do on top of predicting, whichever runtime scores it.</summary>
public static class SentimentPredictorExtensions
{
    /// <summary>Computes the metrics of a predictor on labeled examples, from the probabilities it predicts.</summary>
    /// <param name="predictor">The predictor.</param>
    /// <param name="examples">The examples; every label must be one of the predictor's.</param>
    /// <param name="cancellationToken">Stops between batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidTrainingDataException">An example's label is not one of the predictor's.</exception>
    /// <exception cref="InvalidOperationException">The predictor's model is multi-label: use <see cref="EvaluateMultiLabel"/>.</exception>
    public static ClassificationMetrics Evaluate(this ISentimentPredictor predictor, IEnumerable<TextExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        if (predictor.Info.Task == ClassificationTask.MultiLabel)
        {
            throw new InvalidOperationException("The model is multi-label: evaluate it with EvaluateMultiLabel.");
        }

        var labels = predictor.Labels;
        return MetricsAccumulator.ForExamples(new LabelSet(labels), examples, texts =>
        {
            var predictions = predictor.PredictBatch(texts, cancellationToken);
            var probabilities = new float[predictions.Count * labels.Count];
            for (var i = 0; i < predictions.Count; i++)
            {
                for (var c = 0; c < labels.Count; c++)
                {
                    probabilities[(i * labels.Count) + c] = (float)predictions[i].Probabilities[labels[c]];
                }
            }

            return probabilities;
        }, "model's").Compute();
    }

    /// <summary>
    /// Computes the multi-label metrics of a predictor on examples with label sets, from the probabilities it predicts
    /// and its per-label thresholds (<see cref="ModelInfo.Thresholds"/>).
    /// </summary>
    /// <param name="predictor">A predictor of a multi-label model.</param>
    /// <param name="examples">The examples; each carries a label set of the predictor's labels (the empty set too).</param>
    /// <param name="cancellationToken">Stops between batches with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The metrics: micro, macro and weighted F1, per-label precision, recall, F1, support and ROC-AUC, Hamming loss, subset accuracy, label ranking average precision.</returns>
    /// <exception cref="InvalidTrainingDataException">The model is single-label, an example has one label instead of a set, or a label the model lacks.</exception>
    public static MultiLabelEvaluation EvaluateMultiLabel(this ISentimentPredictor predictor, IEnumerable<TextExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(examples);
        var list = examples as IReadOnlyList<TextExample> ?? [.. examples];
        if (predictor.Info.Task != ClassificationTask.MultiLabel || predictor.Info.Thresholds is not { } thresholds)
        {
            throw new InvalidTrainingDataException("The model was trained single-label (one label per text); multi-label data needs a model trained on label sets.");
        }

        var labels = predictor.Labels;
        var truth = LabelSetTargets.For(new LabelSet(labels), list, "example", "model's");
        var predictions = predictor.PredictBatch([.. list.Select(e => e.Text)], cancellationToken);
        var rows = new float[predictions.Count][];
        for (var i = 0; i < predictions.Count; i++)
        {
            rows[i] = [.. labels.Select(label => (float)predictions[i].Probabilities[label])];
        }

        return MultiLabelEvaluation.Compute(labels, truth, rows, thresholds);
    }
}
