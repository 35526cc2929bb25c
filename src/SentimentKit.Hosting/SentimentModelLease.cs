using System.Text.Json.Nodes;

namespace SentimentKit.Hosting;

/// <summary>
/// One generation of a served model, held for as long as the lease is: a reload swaps a new generation in for later
/// callers, while this one stays loaded until every lease on it is disposed. Use it to make several calls on one and
/// the same model; for single calls <see cref="SentimentPredictorPool.GetPredictor"/> is simpler.
/// </summary>
public sealed class SentimentModelLease : IDisposable
{
    private ModelHandle? _handle;

    internal SentimentModelLease(string name, ModelHandle handle)
    {
        Name = name;
        _handle = handle;
    }

    /// <summary>Gets the model's registered name.</summary>
    public string Name { get; }

    /// <summary>Gets the predictor of this generation. The pool owns it: do not dispose it, and do not use it after the lease.</summary>
    /// <exception cref="ObjectDisposedException">The lease was disposed.</exception>
    public ISentimentPredictor Predictor => Handle.Predictor;

    /// <summary>Gets what the model is.</summary>
    /// <exception cref="ObjectDisposedException">The lease was disposed.</exception>
    public ModelInfo Info => Handle.Info;

    /// <summary>Gets when this generation was loaded.</summary>
    /// <exception cref="ObjectDisposedException">The lease was disposed.</exception>
    public DateTimeOffset LoadedUtc => Handle.LoadedUtc;

    /// <summary>Gets a copy of the model file's <c>manifest.json</c> (options, labels, checksums; no weights), or <see langword="null"/> when it could not be read.</summary>
    /// <exception cref="ObjectDisposedException">The lease was disposed.</exception>
    public JsonObject? Manifest => Handle.Manifest?.DeepClone().AsObject();

    private ModelHandle Handle => _handle ?? throw new ObjectDisposedException(nameof(SentimentModelLease));

    /// <summary>Releases this generation; the last release of a replaced generation disposes its model. Disposing twice is harmless.</summary>
    public void Dispose() => Interlocked.Exchange(ref _handle, null)?.Release();
}
