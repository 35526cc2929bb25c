using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SentimentKit.Hosting;

/// <summary>
/// One served model: the generation in use, loading it the first time it is needed, and — when watching — loading a
/// replaced file in the background and swapping it in. Requests hold a reference to the generation they started on
/// (<see cref="ModelHandle"/>), so a swap never disturbs them; a replacement that fails to load leaves the current
/// generation serving and is reported through <see cref="Status"/>, the log and the metrics.
/// </summary>
internal sealed class ModelSlot : IDisposable
{
    private readonly ISentimentPredictorLoader _loader;
    private readonly SentimentPredictorOptions _options;
    private readonly ILogger _logger;
    private readonly HostingInstruments _instruments;
    private readonly TimeProvider _time;
    private readonly Lock _firstLoad = new();
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private ModelHandle? _current;
    private FileStamp _attempted;
    private FileSystemWatcher? _watcher;
    private Task? _watching;
    private int _reloads;
    private (string Reason, DateTimeOffset AtUtc)? _failure;
    private volatile bool _disposed;

    public ModelSlot(string name, ISentimentPredictorLoader loader, SentimentPredictorOptions options, ILogger logger, HostingInstruments instruments, TimeProvider time)
    {
        Name = name;
        _loader = loader;
        _options = options;
        Path = System.IO.Path.GetFullPath(options.ModelPath!);
        _logger = logger;
        _instruments = instruments;
        _time = time;
    }

    public string Name { get; }

    public string Path { get; }

    public string Runtime => _loader.Runtime;

    /// <summary>Gets the generation now serving, loading the file first if nothing is loaded yet; release it when done.</summary>
    /// <exception cref="FileNotFoundException">Nothing is loaded and the file does not exist.</exception>
    /// <exception cref="ModelFormatException">Nothing is loaded and the file is not a valid model.</exception>
    /// <exception cref="ObjectDisposedException">The slot was disposed.</exception>
    public ModelHandle Acquire()
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var handle = Volatile.Read(ref _current) ?? LoadFirst();
            if (handle.TryAddReference())
            {
                return handle;
            }

            // Retired between the read and the reference: a newer generation is in the slot now.
        }
    }

    public SentimentModelStatus Status()
    {
        var handle = Volatile.Read(ref _current);
        var failure = _failure;
        return new SentimentModelStatus
        {
            Name = Name,
            ModelPath = Path,
            Runtime = Runtime,
            Info = handle?.Info,
            LoadedUtc = handle?.LoadedUtc,
            Reloads = Volatile.Read(ref _reloads),
            LastReloadError = failure?.Reason,
            LastReloadFailedUtc = failure?.AtUtc,
            IsWatching = _watching is not null,
        };
    }

    /// <summary>
    /// Loads the file and swaps it in when it holds another model than the one serving. Without <paramref name="force"/>,
    /// a file that looks as it did at the last attempt is not read again.
    /// </summary>
    /// <returns><see langword="true"/> when a new generation was swapped in.</returns>
    public async Task<bool> ReloadAsync(bool force, CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Volatile.Read(ref _current);
            if (current is null || _disposed)
            {
                // Nothing serves yet: the first Acquire loads whatever the file holds then.
                return false;
            }

            var stamp = FileStamp.Of(Path);
            if (!force && stamp == _attempted)
            {
                return false;
            }

            _attempted = stamp;
            if (!stamp.Exists)
            {
                Fail(current, $"the model file '{Path}' no longer exists.", null);
                return false;
            }

            Log.ModelChanged(_logger, Name, Path);
            ModelHandle next;
            try
            {
                next = await Task.Run(Load, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever the loader throws — corrupt file, other format version, a runtime error — the replacement is
                // refused and the current model serves on; a later replacement of the file is tried afresh.
                // A bad file is reported by its reason alone; anything else also with its stack trace.
                var expected = e is ModelFormatException or FileNotFoundException;
                Fail(current, expected ? e.Message : $"{e.GetType().Name}: {e.Message}", expected ? null : e);
                return false;
            }

            if (next.Info.FileSha256 is not null && string.Equals(next.Info.FileSha256, current.Info.FileSha256, StringComparison.Ordinal))
            {
                next.Release();
                _failure = null;
                Log.ModelUnchanged(_logger, Name, Path, current.Info.FileSha256);
                return false;
            }

            var previous = Interlocked.Exchange(ref _current, next)!;
            Interlocked.Increment(ref _reloads);
            _failure = null;
            _instruments.Reloaded(Name);
            Log.ModelSwapped(_logger, Name, previous.Info.FileSha256, next.Info.FileSha256, next.Info.Kind, next.LabelList);
            previous.Release();
            return true;
        }
        finally
        {
            _reloading.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _stopping.Cancel();
        _watcher?.Dispose();

        // Waits for a reload in progress, so that the generation it loads is not left behind.
        _reloading.Wait();
        try
        {
            lock (_firstLoad)
            {
                _disposed = true;
                Interlocked.Exchange(ref _current, null)?.Release();
            }
        }
        finally
        {
            _reloading.Release();
        }
    }

    private ModelHandle LoadFirst()
    {
        lock (_firstLoad)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Volatile.Read(ref _current) is { } loaded)
            {
                return loaded;
            }

            // The stamp is taken before reading: a file replaced during the load is then seen as changed and loaded again.
            var stamp = FileStamp.Of(Path);
            var handle = Load();
            _attempted = stamp;
            Volatile.Write(ref _current, handle);
            if (_options.WatchForChanges)
            {
                StartWatching();
            }

            return handle;
        }
    }

    private ModelHandle Load()
    {
        var started = _time.GetTimestamp();
        var predictor = _loader.Load(Path);
        try
        {
            var info = predictor.Info;
            var handle = new ModelHandle(predictor, ModelManifestFile.Read(Path, info), _time.GetUtcNow(), Retired);
            var seconds = _time.GetElapsedTime(started).TotalSeconds;
            Log.ModelLoaded(_logger, Name, Path, info.Kind, handle.LabelList, info.CreatedUtc, info.FileSha256, info.Runtime, seconds);
            return handle;
        }
        catch
        {
            predictor.Dispose();
            throw;
        }
    }

    private void Retired(ModelHandle handle) => Log.ModelRetired(_logger, Name, handle.Info.FileSha256);

    private void Fail(ModelHandle current, string reason, Exception? exception)
    {
        _failure = (reason.ReplaceLineEndings(" "), _time.GetUtcNow());
        _instruments.ReloadFailed(Name);
        Log.ReloadFailed(_logger, Name, Path, current.Info.FileSha256, reason, exception);
    }

    private void StartWatching()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        try
        {
            // The whole folder is watched, not only the name: Save renames a temporary file over the target, which some
            // platforms report under the temporary name.
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // For example the per-user inotify limit on Linux: polling alone still sees every replacement.
            Log.NotificationsUnavailable(_logger, Name, directory, e.Message, _options.PollInterval);
        }

        _watching = Task.Run(() => WatchAsync(_stopping.Token));
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (!string.Equals(e.FullPath, Path, StringComparison.Ordinal)
            && !(e is RenamedEventArgs renamed && string.Equals(renamed.OldFullPath, Path, StringComparison.Ordinal)))
        {
            return;
        }

        try
        {
            if (_changed.CurrentCount == 0)
            {
                _changed.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another event signalled first: one wake-up is enough.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await WaitForChangeAsync(cancellationToken).ConfigureAwait(false);
                if (FileStamp.Of(Path) == _attempted)
                {
                    continue;
                }

                await SettleAsync(cancellationToken).ConfigureAwait(false);
                await ReloadAsync(force: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The loop must outlive any surprise, or replacements would silently stop being loaded.
                Log.WatchFailed(_logger, Name, Path, e);
            }
        }
    }

    /// <summary>Waits for a change notification or, at the latest, for the poll interval.</summary>
    private async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        using var poll = new CancellationTokenSource(_options.PollInterval, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, poll.Token);
        try
        {
            await _changed.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look at the file anyway.
        }
    }

    /// <summary>Waits until the file has looked the same for the reload delay: a file still being copied is not read.</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        var stamp = FileStamp.Of(Path);
        while (true)
        {
            await Task.Delay(_options.ReloadDelay, _time, cancellationToken).ConfigureAwait(false);
            var now = FileStamp.Of(Path);
            if (now == stamp)
            {
                return;
            }

            stamp = now;
        }
    }
}
