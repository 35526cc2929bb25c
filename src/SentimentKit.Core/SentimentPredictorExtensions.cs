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
    public static ClassificationMetrics Evaluate(this ISentimentPredictor predictor, IEnumerable<TextExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictor);
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
}
