namespace SentimentKit.Demo;

/// <summary>Wraps a loader so that each batch waits first: how the checks make a worker that is still busy when it is killed.</summary>
internal sealed class DelayedPredictorLoader(ISentimentPredictorLoader inner, TimeSpan delay) : ISentimentPredictorLoader
{
    public string Runtime => inner.Runtime;

    public ISentimentPredictor Load(string path) => new Delayed(inner.Load(path), delay);

    private sealed class Delayed(ISentimentPredictor inner, TimeSpan delay) : ISentimentPredictor
    {
        public ModelInfo Info => inner.Info;

        public IReadOnlyList<string> Labels => inner.Labels;

        public bool CanExplain => inner.CanExplain;

        public SentimentPrediction Predict(string text) => inner.Predict(text);

        public IReadOnlyList<SentimentPrediction> PredictBatch(IEnumerable<string> texts, CancellationToken cancellationToken = default)
        {
            Task.Delay(delay, cancellationToken).GetAwaiter().GetResult();
            return inner.PredictBatch(texts, cancellationToken);
        }

        public SentimentExplanation Explain(string text) => inner.Explain(text);

        public void Dispose() => inner.Dispose();
    }
}
