using System.Text.Json.Nodes;

namespace SentimentKit.Hosting;

/// <summary>
/// One loaded model generation with a reference count: the slot that serves it holds one reference, and every
/// request holds one while it runs. The predictor is disposed when the count reaches zero — after a swap, only once
/// the last request that started on it has finished — so that no request ever meets a disposed model.
/// </summary>
internal sealed class ModelHandle
{
    private readonly Action<ModelHandle> _retired;
    private int _references = 1;

    public ModelHandle(ISentimentPredictor predictor, JsonObject? manifest, DateTimeOffset loadedUtc, Action<ModelHandle> retired)
    {
        Predictor = predictor;
        Info = predictor.Info;
        LabelList = string.Join(", ", Info.Labels);
        Manifest = manifest;
        LoadedUtc = loadedUtc;
        _retired = retired;
    }

    public ISentimentPredictor Predictor { get; }

    /// <summary>Gets what the model is, read once at load so that status reports never touch the predictor.</summary>
    public ModelInfo Info { get; }

    /// <summary>Gets the labels as one string, for log lines.</summary>
    public string LabelList { get; }

    /// <summary>Gets the model file's <c>manifest.json</c>, or <see langword="null"/> when it could not be read beside the model.</summary>
    public JsonObject? Manifest { get; }

    public DateTimeOffset LoadedUtc { get; }

    /// <summary>Gets a value indicating whether the model was disposed (its last reference released).</summary>
    public bool IsRetired => Volatile.Read(ref _references) == 0;

    /// <summary>
    /// Adds a reference unless the handle was already retired: a request that read the slot just before a swap
    /// and comes here after the last release must not revive a disposed model, and reads the slot again instead.
    /// </summary>
    public bool TryAddReference()
    {
        var seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            var previous = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (previous == seen)
            {
                return true;
            }

            seen = previous;
        }

        return false;
    }

    /// <summary>Releases a reference; the last one disposes the predictor.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            Predictor.Dispose();
            _retired(this);
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A model handle was released more often than it was acquired.");
        }
    }
}
