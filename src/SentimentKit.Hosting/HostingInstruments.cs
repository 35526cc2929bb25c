using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SentimentKit.Hosting;

/// <summary>The instruments of <see cref="SentimentHostingMetrics"/>, created once per service provider from its <see cref="IMeterFactory"/>.</summary>
internal sealed class HostingInstruments : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _predictions;
    private readonly Counter<long> _texts;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _reloads;
    private readonly Counter<long> _reloadFailures;
    private readonly Counter<long> _rejected;

    public HostingInstruments(IMeterFactory? meterFactory)
    {
        // A meter from the factory is disposed by the factory; one made here is ours to dispose.
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(SentimentHostingMetrics.MeterName) ?? new Meter(SentimentHostingMetrics.MeterName);
        _predictions = _meter.CreateCounter<long>(SentimentHostingMetrics.Predictions, "{call}", "Prediction and explanation calls.");
        _texts = _meter.CreateCounter<long>(SentimentHostingMetrics.Texts, "{text}", "Texts scored.");
        _duration = _meter.CreateHistogram<double>(SentimentHostingMetrics.Duration, "s", "Time of one prediction or explanation call in the model.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _failures = _meter.CreateCounter<long>(SentimentHostingMetrics.PredictionFailures, "{call}", "Prediction and explanation calls that threw.");
        _reloads = _meter.CreateCounter<long>(SentimentHostingMetrics.Reloads, "{reload}", "Replaced model files loaded and swapped in.");
        _reloadFailures = _meter.CreateCounter<long>(SentimentHostingMetrics.ReloadFailures, "{failure}", "Replaced model files that failed to load; the previous model serves on.");
        _rejected = _meter.CreateCounter<long>(SentimentHostingMetrics.RejectedRequests, "{request}", "Requests answered 400, 413 or 429 by a limit or a malformed body.");
    }

    public void Scored(string model, string operation, int texts, TimeSpan elapsed)
    {
        var tags = Tags(model, operation);
        _predictions.Add(1, tags);
        _texts.Add(texts, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void Failed(string model, string operation, Exception exception)
    {
        var tags = Tags(model, operation);
        tags.Add("error.type", exception.GetType().FullName);
        _failures.Add(1, tags);
    }

    public void Reloaded(string model) => _reloads.Add(1, new KeyValuePair<string, object?>(SentimentHostingMetrics.ModelTag, model));

    public void ReloadFailed(string model) => _reloadFailures.Add(1, new KeyValuePair<string, object?>(SentimentHostingMetrics.ModelTag, model));

    public void Rejected(string model, string reason) => _rejected.Add(1,
        new KeyValuePair<string, object?>(SentimentHostingMetrics.ModelTag, model),
        new KeyValuePair<string, object?>(SentimentHostingMetrics.ReasonTag, reason));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static TagList Tags(string model, string operation) => new()
    {
        { SentimentHostingMetrics.ModelTag, model },
        { SentimentHostingMetrics.OperationTag, operation },
    };
}
