using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SentimentKit.Hosting.Tests;

public class MetricsTests
{
    [Fact]
    public async Task Pool_PredictionsAndReloads_AreRecordedUnderTheDocumentedNames()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);
        using var recorded = new Recorder(fixture.Services);

        var predictor = fixture.Pool.GetPredictor();
        predictor.PredictBatch(["a", "b", "c"]);
        predictor.Explain("one two");
        FakeLoader.Write(fixture.ModelPath, ["bad", "good"]);
        await fixture.Pool.ReloadAsync();
        await File.WriteAllTextAsync(fixture.ModelPath, "corrupt");
        await fixture.Pool.ReloadAsync();

        recorded.Sum(SentimentHostingMetrics.Predictions).Should().Be(2);
        recorded.Sum(SentimentHostingMetrics.Texts).Should().Be(4);
        recorded.Count(SentimentHostingMetrics.Duration).Should().Be(2);
        recorded.Sum(SentimentHostingMetrics.Reloads).Should().Be(1);
        recorded.Sum(SentimentHostingMetrics.ReloadFailures).Should().Be(1);
        recorded.Tags(SentimentHostingMetrics.Predictions).Should().Contain(t => t.Key == SentimentHostingMetrics.OperationTag && (string?)t.Value == "explain");
        recorded.Tags(SentimentHostingMetrics.Reloads).Should().Contain(t => t.Key == SentimentHostingMetrics.ModelTag && (string?)t.Value == "default");
    }

    /// <summary>Listens to the SentimentKit meter of one service provider.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public Recorder(IServiceProvider services)
        {
            var factory = (IMeterFactory)services.GetService(typeof(IMeterFactory))!;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SentimentHostingMetrics.MeterName && instrument.Meter.Scope == factory)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
            _listener.SetMeasurementEventCallback<double>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
            _listener.Start();
        }

        public double Sum(string name) => _measurements.Where(m => m.Name == name).Sum(m => m.Value);

        public int Count(string name) => _measurements.Count(m => m.Name == name);

        public IEnumerable<KeyValuePair<string, object?>> Tags(string name) => _measurements.Where(m => m.Name == name).SelectMany(m => m.Tags);

        public void Dispose() => _listener.Dispose();
    }
}
