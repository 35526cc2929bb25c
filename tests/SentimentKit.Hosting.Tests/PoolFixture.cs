using Microsoft.Extensions.DependencyInjection;
using SentimentKit.Tests;

namespace SentimentKit.Hosting.Tests;

/// <summary>A service provider with one model registered over the fake runtime, in a folder of its own.</summary>
internal sealed class PoolFixture : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory _folder = new();

    public PoolFixture(string[] labels, bool watch = false, bool blocks = false, bool explains = true)
    {
        ModelPath = _folder.File("model.skm");
        FakeLoader.Write(ModelPath, labels, explains, blocks);
        _services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSentimentPredictor(SentimentPredictorPool.DefaultModelName, Loader, o =>
            {
                o.ModelPath = ModelPath;
                o.WatchForChanges = watch;
                o.ReloadDelay = TimeSpan.FromMilliseconds(50);
                o.PollInterval = TimeSpan.FromMilliseconds(200);
            })
            .BuildServiceProvider();
        Pool = _services.GetRequiredService<SentimentPredictorPool>();
    }

    public FakeLoader Loader { get; } = new();

    public string ModelPath { get; }

    public SentimentPredictorPool Pool { get; }

    public IServiceProvider Services => _services;

    public string Folder => _folder.Path;

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }
}
