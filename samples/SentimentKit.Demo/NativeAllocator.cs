using System.Runtime.InteropServices;

namespace SentimentKit.Demo;

/// <summary>
/// Keeps a long-running process (<c>serve</c>, <c>worker</c>) from growing on glibc's malloc. libtorch allocates each
/// tensor with malloc; glibc serves blocks above its mmap threshold with their own mappings, returned to the system when
/// freed, but it raises that threshold (up to 32 MiB) every time such a block is freed, so that after a few thousand
/// predictions the tensors of a batch come from the heap arenas, which fragment under concurrent requests and keep
/// what they held. Fixing the threshold (as the <c>MALLOC_MMAP_THRESHOLD_</c> environment variable does, which wins
/// where set) keeps the resident memory flat: measured on the BiLSTM server under 32 concurrent connections, it
/// stops growing after warm-up instead of growing 16–24% over 20,000 requests (README "Serving figures").
/// Process-wide, so the library never does it; an app that hosts a TorchSharp model itself sets the variable.
/// </summary>
internal static class NativeAllocator
{
    /// <summary>
    /// The threshold: blocks of 256 KiB and more are mapped; smaller ones stay in the heap. Measured on the BiLSTM server
    /// (README "Serving figures"): 64 KiB kept memory as flat but served 13–24% fewer requests per second in four rounds of five (every
    /// mid-sized tensor a fresh mapping and its page faults); 256 KiB stays flat over 20,000 requests within 3% of its level.
    /// </summary>
    public const int MmapThresholdBytes = 256 * 1024;

    private const int MallocMmapThreshold = -3;

    /// <summary>Fixes glibc's mmap threshold, unless the environment sets it or the C library is not glibc.</summary>
    /// <returns>Whether the threshold was set here.</returns>
    public static bool KeepLargeBlocksMapped()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null)
        {
            return false;
        }

        try
        {
            return Mallopt(MallocMmapThreshold, MmapThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries: nothing to tune.
            return false;
        }
    }

    /// <summary>
    /// Hands the heap arenas' free pages back to the system every <paramref name="interval"/> (glibc's
    /// <c>malloc_trim</c>), so that memory freed after a burst of concurrent requests does not stay resident.
    /// </summary>
    /// <param name="interval">How often.</param>
    /// <returns>The timer, to dispose when the process stops serving; <see langword="null"/> where the C library is not glibc.</returns>
    public static IDisposable? TrimPeriodically(TimeSpan interval)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        return new Timer(_ => { _ = MallocTrim(0); }, null, interval, interval);
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc.so.6", EntryPoint = "mallopt", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int parameter, int value);
}
