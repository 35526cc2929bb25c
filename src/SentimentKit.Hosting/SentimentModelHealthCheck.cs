using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SentimentKit.Hosting;

/// <summary>
/// Reports one served model: healthy while it serves the model its file holds; degraded while it serves an earlier
/// model because the file's replacement failed to load (the reason in the description); unhealthy before any model
/// is loaded. The data name the loaded model: kind, labels, created, checksum, runtime, load time and reloads.
/// <c>AddSentimentPredictor</c> registers one per model, named by <see cref="RegistrationName"/> and tagged
/// <see cref="Tag"/>.
/// </summary>
/// <param name="pool">The pool that serves the model.</param>
/// <param name="modelName">The model's name.</param>
public sealed class SentimentModelHealthCheck(SentimentPredictorPool pool, string modelName) : IHealthCheck
{
    /// <summary>The tag of every SentimentKit health check registration.</summary>
    public const string Tag = "sentimentkit";

    /// <summary>Gets the name of the health check registration of a model.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns><c>sentimentkit:</c> and the model's name.</returns>
    public static string RegistrationName(string modelName) => $"{Tag}:{modelName}";

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = pool.GetStatus(modelName);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["model"] = status.Name,
            ["path"] = status.ModelPath,
            ["runtime"] = status.Runtime,
            ["reloads"] = status.Reloads,
        };
        if (status.Info is not { } info)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Model '{status.Name}' is not loaded yet.", data: data));
        }

        data["kind"] = info.Kind.ToString();
        data["labels"] = info.Labels.ToArray();
        data["created_utc"] = info.CreatedUtc.ToString("O", CultureInfo.InvariantCulture);
        data["file_sha256"] = info.FileSha256 ?? string.Empty;
        data["loaded_utc"] = status.LoadedUtc!.Value.ToString("O", CultureInfo.InvariantCulture);
        if (status.LastReloadError is { } error)
        {
            data["last_reload_error"] = error;
            data["last_reload_failed_utc"] = status.LastReloadFailedUtc!.Value.ToString("O", CultureInfo.InvariantCulture);
            return Task.FromResult(HealthCheckResult.Degraded(
                $"Model '{status.Name}' serves its previous model (SHA-256 {info.FileSha256}): the replaced file failed to load: {error}", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"Model '{status.Name}' serves {info.Kind} ({string.Join(", ", info.Labels)}), SHA-256 {info.FileSha256}.", data));
    }
}
