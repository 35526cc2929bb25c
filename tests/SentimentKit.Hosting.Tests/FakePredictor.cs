namespace SentimentKit.Hosting.Tests;

/// <summary>
/// A predictor that answers its first label at 0.75 and, when scripted to block, holds every call inside until
/// <see cref="ReleaseCalls"/>: a test can then swap or dispose while a call is known to be running.
/// </summary>
internal sealed class FakePredictor(ModelInfo info, bool explains, bool blocks) : ISentimentPredictor
{
    // A blocked call gives up after this long, so that a failing test ends instead of hanging the run.
    private static readonly TimeSpan BlockLimit = TimeSpan.FromSeconds(60);

    private readonly ManualResetEventSlim _release = new(!blocks);
    private readonly SemaphoreSlim _entered = new(0);
    private int _inside;
    private int _disposedWithCallsInside;

    public ModelInfo Info => info;

    public IReadOnlyList<string> Labels => info.Labels;

    public bool CanExplain => explains;

    public bool IsDisposed { get; private set; }

    /// <summary>Gets a value indicating whether Dispose ran while a call was inside: what the pool must never let happen.</summary>
    public bool DisposedWithCallsInside => Volatile.Read(ref _disposedWithCallsInside) != 0;

    public int CallsInside => Volatile.Read(ref _inside);

    /// <summary>Waits until a call is inside (blocking predictors only).</summary>
    public bool WaitForCall(TimeSpan timeout) => _entered.Wait(timeout);

    public void ReleaseCalls() => _release.Set();

    public SentimentPrediction Predict(string text) => Call(() => Prediction());

    public IReadOnlyList<SentimentPrediction> PredictBatch(IEnumerable<string> texts, CancellationToken cancellationToken = default) =>
        Call(() => texts.Select(t => t is null ? throw new ArgumentNullException(nameof(texts)) : Prediction()).ToArray());

    public SentimentExplanation Explain(string text) => explains
        ? Call(() => new SentimentExplanation(Prediction(), [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((t, i) => new TokenAttribution(t, i % 2 == 0 ? 0.5 : -0.25))]))
        : throw new NotSupportedException("The fake model was scripted without explanations.");

    public void Dispose()
    {
        if (Volatile.Read(ref _inside) > 0)
        {
            Volatile.Write(ref _disposedWithCallsInside, 1);
        }

        IsDisposed = true;
    }

    private SentimentPrediction Prediction() => new(info.Labels[0], 0.75, info.Labels.Select((l, i) => (l, i == 0 ? 0.75 : 0.25 / (info.Labels.Count - 1))).ToDictionary(p => p.l, p => p.Item2));

    private T Call<T>(Func<T> body)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        Interlocked.Increment(ref _inside);
        try
        {
            _entered.Release();
            if (!_release.Wait(BlockLimit))
            {
                throw new TimeoutException("The test never released the blocked call.");
            }

            return body();
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }
}
