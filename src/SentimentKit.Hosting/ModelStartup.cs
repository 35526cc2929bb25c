using Microsoft.Extensions.Hosting;

namespace SentimentKit.Hosting;

/// <summary>
/// Loads every registered model when the host starts, so that a missing or corrupt file stops the app at start
/// (not at its first request) and the first request does not wait for a load.
/// </summary>
internal sealed class ModelStartup(SentimentPredictorPool pool) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var name in pool.ModelNames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pool.Acquire(name).Dispose();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
