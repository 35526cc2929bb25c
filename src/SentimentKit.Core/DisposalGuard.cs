namespace SentimentKit;

/// <summary>
/// Lets calls into native memory run concurrently while making disposal wait for them: a call enters (or gets
/// <see cref="ObjectDisposedException"/> once disposal has begun), and disposal begins, waits until no call is
/// inside, and only then lets its owner free memory.
/// </summary>
internal sealed class DisposalGuard
{
    private readonly object _gate = new();
    private int _active;
    private bool _disposing;

    /// <summary>Gets a value indicating whether disposal has begun.</summary>
    public bool IsDisposed
    {
        get
        {
            lock (_gate)
            {
                return _disposing;
            }
        }
    }

    /// <summary>Enters a call; dispose the returned lease when the call leaves.</summary>
    /// <exception cref="ObjectDisposedException">Disposal has begun.</exception>
    public Lease Enter(object owner)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposing, owner);
            _active++;
        }

        return new Lease(this);
    }

    /// <summary>
    /// Begins disposal and waits until every call has left. Returns <see langword="false"/> when disposal had already
    /// begun (the caller must then free nothing). A call must never dispose its own owner from inside, or this waits forever.
    /// </summary>
    public bool BeginDispose()
    {
        lock (_gate)
        {
            if (_disposing)
            {
                return false;
            }

            _disposing = true;
            while (_active > 0)
            {
                Monitor.Wait(_gate);
            }

            return true;
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            if (--_active == 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>One call inside the guarded object.</summary>
    internal readonly struct Lease(DisposalGuard guard) : IDisposable
    {
        public void Dispose() => guard.Exit();
    }
}
