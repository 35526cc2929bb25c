using Microsoft.Extensions.Logging;

namespace SentimentKit.Hosting;

/// <summary>
/// The <see cref="ISentimentPredictor"/> of one served model that always predicts with the generation serving when a
/// call starts, holding it until the call returns, and records every call in the metrics. The pool owns the models:
/// disposing this does nothing.
/// </summary>
internal sealed class ReloadingPredictor(ModelSlot slot, HostingInstruments instruments, ILogger logger, TimeProvider time) : ISentimentPredictor
{
    private const string PredictOperation = "predict";
    private const string ExplainOperation = "explain";

    public ModelInfo Info => Use(h => h.Info);

    public IReadOnlyList<string> Labels => Use(h => h.Info.Labels);

    public bool CanExplain => Use(h => h.Predictor.CanExplain);

    public SentimentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Measure(PredictOperation, 1, p => p.Predict(text));
    }

    public IReadOnlyList<SentimentPrediction> PredictBatch(IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var list = texts as IReadOnlyList<string> ?? [.. texts];
        return Measure(PredictOperation, list.Count, p => p.PredictBatch(list, cancellationToken));
    }

    public SentimentExplanation Explain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Measure(ExplainOperation, 1, p => p.Explain(text));
    }

    public void Dispose()
    {
    }

    private T Use<T>(Func<ModelHandle, T> read)
    {
        var handle = slot.Acquire();
        try
        {
            return read(handle);
        }
        finally
        {
            handle.Release();
        }
    }

    private T Measure<T>(string operation, int texts, Func<ISentimentPredictor, T> call)
    {
        var handle = slot.Acquire();
        var started = time.GetTimestamp();
        try
        {
            var result = call(handle.Predictor);
            instruments.Scored(slot.Name, operation, texts, time.GetElapsedTime(started));
            return result;
        }
        catch (Exception e) when (e is not (ArgumentException or NotSupportedException or OperationCanceledException))
        {
            // The caller's own mistakes (a null text, explaining with a model that cannot) are not failures of the model.
            instruments.Failed(slot.Name, operation, e);
            Log.PredictionFailed(logger, slot.Name, operation, e);
            throw;
        }
        finally
        {
            handle.Release();
        }
    }
}
