namespace SentimentKit.Scoring.Tests;

/// <summary>
/// A loader whose predictors wait <c>delay</c> before each batch (so that a test can act while shards are in flight)
/// and fail every batch that holds a text containing <see cref="Poison"/>: a shard that crashes its worker every time.
/// </summary>
internal sealed class TestLoader(ISentimentPredictorLoader inner, TimeSpan delay = default) : ISentimentPredictorLoader
{
    public const string Poison = "POISON";

    public string Runtime => inner.Runtime;

    public ISentimentPredictor Load(string path) => new Predictor(inner.Load(path), delay);

    private sealed class Predictor(ISentimentPredictor inner, TimeSpan delay) : ISentimentPredictor
    {
        public ModelInfo Info => inner.Info;

        public IReadOnlyList<string> Labels => inner.Labels;

        public bool CanExplain => inner.CanExplain;

        public SentimentPrediction Predict(string text) => inner.Predict(text);

        public IReadOnlyList<SentimentPrediction> PredictBatch(IEnumerable<string> texts, CancellationToken cancellationToken = default)
        {
            var list = texts.ToList();
            if (delay > TimeSpan.Zero)
            {
                Thread.Sleep(delay);
            }

            return list.Exists(t => t.Contains(Poison, StringComparison.Ordinal))
                ? throw new InvalidOperationException("the poisoned text crashed the model")
                : inner.PredictBatch(list, cancellationToken);
        }

        public SentimentExplanation Explain(string text) => inner.Explain(text);

        public void Dispose() => inner.Dispose();
    }
}
