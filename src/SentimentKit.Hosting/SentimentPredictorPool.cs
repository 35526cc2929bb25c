using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SentimentKit.Hosting;

/// <summary>
/// Every model registered with <c>AddSentimentPredictor</c>, each shared by all requests and kept current: what
/// <c>PredictionEnginePool</c> is to ML.NET. Predictors are thread-safe, so one instance per model serves every request;
/// a replaced model file is loaded in the background and swapped in, requests already running finishing on the model
/// they started with. Registered as a singleton; the service provider disposes it, and with it every model.
/// </summary>
public sealed class SentimentPredictorPool : IDisposable
{
    /// <summary>The name of the model registered without one.</summary>
    public const string DefaultModelName = "default";

    private readonly Dictionary<string, ModelSlot> _slots;
    private readonly Dictionary<string, ReloadingPredictor> _predictors;
    private readonly HostingInstruments _instruments;
    private int _disposed;

    internal SentimentPredictorPool(
        IEnumerable<ModelRegistration> registrations,
        IOptionsMonitor<SentimentPredictorOptions> options,
        HostingInstruments instruments,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SentimentKit.Hosting");
        var time = timeProvider ?? TimeProvider.System;
        _instruments = instruments;
        _slots = new Dictionary<string, ModelSlot>(StringComparer.Ordinal);
        _predictors = new Dictionary<string, ReloadingPredictor>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            // Read once: a model's file and reload settings are fixed for the life of the pool.
            var modelOptions = options.Get(registration.Name).Clone();
            try
            {
                modelOptions.Validate();
            }
            catch (InvalidOptionsException e)
            {
                throw new InvalidOptionsException($"{nameof(SentimentPredictorOptions)} of model '{registration.Name}'", e.Errors);
            }

            var slot = new ModelSlot(registration.Name, registration.Loader, modelOptions, logger, instruments, time);
            _slots.Add(registration.Name, slot);
            _predictors.Add(registration.Name, new ReloadingPredictor(slot, instruments, logger, time));
        }
    }

    /// <summary>Gets the names of the registered models.</summary>
    public IReadOnlyCollection<string> ModelNames => _slots.Keys;

    internal HostingInstruments Instruments => _instruments;

    /// <summary>
    /// Gets the predictor of a model: each call predicts with the model serving when it starts, so the same instance
    /// may be kept for the life of the app. The pool owns it; disposing it does nothing.
    /// </summary>
    /// <param name="name">The model's name; <see langword="null"/> for <see cref="DefaultModelName"/>.</param>
    /// <returns>The predictor. The model file is loaded on the first call that needs it, unless the host loaded it at start.</returns>
    /// <exception cref="KeyNotFoundException">No model of that name is registered.</exception>
    public ISentimentPredictor GetPredictor(string? name = null) => _predictors.TryGetValue(name ?? DefaultModelName, out var predictor) ? predictor : throw Unknown(name);

    /// <summary>Holds the generation of a model now serving until the lease is disposed, for several calls on one and the same model.</summary>
    /// <param name="name">The model's name; <see langword="null"/> for <see cref="DefaultModelName"/>.</param>
    /// <returns>The lease; dispose it when done.</returns>
    /// <exception cref="KeyNotFoundException">No model of that name is registered.</exception>
    /// <exception cref="FileNotFoundException">Nothing is loaded yet and the model file does not exist.</exception>
    /// <exception cref="ModelFormatException">Nothing is loaded yet and the model file is not a valid model.</exception>
    public SentimentModelLease Acquire(string? name = null)
    {
        var slot = Slot(name);
        return new SentimentModelLease(slot.Name, slot.Acquire());
    }

    /// <summary>Gets where a model stands: what is loaded, its reloads and the last reload failure. Loads nothing.</summary>
    /// <param name="name">The model's name; <see langword="null"/> for <see cref="DefaultModelName"/>.</param>
    /// <returns>The status.</returns>
    /// <exception cref="KeyNotFoundException">No model of that name is registered.</exception>
    public SentimentModelStatus GetStatus(string? name = null) => Slot(name).Status();

    /// <summary>
    /// Loads the model file now and swaps it in when it holds another model than the one serving — what a replaced
    /// file triggers by itself when <see cref="SentimentPredictorOptions.WatchForChanges"/> is on. A file that fails to
    /// load leaves the serving model in place and is reported by <see cref="GetStatus"/>.
    /// </summary>
    /// <param name="name">The model's name; <see langword="null"/> for <see cref="DefaultModelName"/>.</param>
    /// <param name="cancellationToken">Stops waiting for a reload already in progress.</param>
    /// <returns><see langword="true"/> when a new model was swapped in.</returns>
    /// <exception cref="KeyNotFoundException">No model of that name is registered.</exception>
    public Task<bool> ReloadAsync(string? name = null, CancellationToken cancellationToken = default) => Slot(name).ReloadAsync(force: true, cancellationToken);

    /// <summary>Stops watching and disposes every model, each once the calls running on it have finished. Disposing twice is harmless.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var slot in _slots.Values)
        {
            slot.Dispose();
        }

        _instruments.Dispose();
    }

    internal ModelSlot Slot(string? name) => _slots.TryGetValue(name ?? DefaultModelName, out var slot) ? slot : throw Unknown(name);

    private KeyNotFoundException Unknown(string? name) =>
        new($"No sentiment model named '{name ?? DefaultModelName}' is registered; registered: {string.Join(", ", _slots.Keys)}.");
}
