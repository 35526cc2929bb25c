using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SentimentKit.Hosting;

/// <summary>Registers SentimentKit models in an app's services.</summary>
public static class SentimentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default model from a file: a <see cref="SentimentPredictorPool"/> that serves it to every request
    /// and reloads it when the file is replaced, an <see cref="ISentimentPredictor"/> for it, a health check, metrics,
    /// and its loading when the host starts.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="loader">The runtime that loads the model, for example <c>new TorchPredictorLoader()</c> from the SentimentKit package.</param>
    /// <param name="modelPath">The <c>.skm</c> file.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The default model is already registered.</exception>
    public static IServiceCollection AddSentimentPredictor(this IServiceCollection services, ISentimentPredictorLoader loader, string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        return services.AddSentimentPredictor(SentimentPredictorPool.DefaultModelName, loader, options => options.ModelPath = modelPath);
    }

    /// <summary>
    /// Registers a model under a name, configured in code; register several names to serve several models
    /// (<see cref="SentimentPredictorPool.DefaultModelName"/> is the one <see cref="ISentimentPredictor"/> resolves to).
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="name">The model's name, used by <see cref="SentimentPredictorPool.GetPredictor"/>, in logs, metrics and health checks.</param>
    /// <param name="loader">The runtime that loads the model.</param>
    /// <param name="configure">Sets the model's options; <see cref="SentimentPredictorOptions.ModelPath"/> at least.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A model of that name is already registered.</exception>
    public static IServiceCollection AddSentimentPredictor(this IServiceCollection services, string name, ISentimentPredictorLoader loader, Action<SentimentPredictorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddCore(name, loader).Configure(name, configure);
        return services;
    }

    /// <summary>
    /// Registers a model under a name, its options bound from configuration, for example the section
    /// <c>SentimentKit:Models:reviews</c> of appsettings.json holding <c>{ "ModelPath": "models/reviews.skm" }</c>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="name">The model's name.</param>
    /// <param name="loader">The runtime that loads the model.</param>
    /// <param name="configuration">The section bound to <see cref="SentimentPredictorOptions"/>.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A model of that name is already registered.</exception>
    public static IServiceCollection AddSentimentPredictor(this IServiceCollection services, string name, ISentimentPredictorLoader loader, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCore(name, loader).Configure<SentimentPredictorOptions>(name, configuration);
        return services;
    }

    private static IServiceCollection AddCore(this IServiceCollection services, string name, ISentimentPredictorLoader loader)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(loader);
        if (services.Any(d => d.ServiceType == typeof(ModelRegistration) && d.ImplementationInstance is ModelRegistration r && r.Name == name))
        {
            throw new InvalidOperationException($"A sentiment model named '{name}' is already registered.");
        }

        services.AddOptions();
        services.AddSingleton(new ModelRegistration(name, loader));
        services.TryAddSingleton(sp => new SentimentPredictorPool(
            sp.GetServices<ModelRegistration>(),
            sp.GetRequiredService<IOptionsMonitor<SentimentPredictorOptions>>(),
            new HostingInstruments(sp.GetService<IMeterFactory>()),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ModelStartup>());
        if (name == SentimentPredictorPool.DefaultModelName)
        {
            services.TryAddSingleton(sp => sp.GetRequiredService<SentimentPredictorPool>().GetPredictor());
        }

        services.AddHealthChecks().Add(new HealthCheckRegistration(
            SentimentModelHealthCheck.RegistrationName(name),
            sp => new SentimentModelHealthCheck(sp.GetRequiredService<SentimentPredictorPool>(), name),
            HealthStatus.Unhealthy,
            [SentimentModelHealthCheck.Tag]));
        return services;
    }
}
