using System.Diagnostics;

namespace SentimentKit.Benchmarks;

/// <summary>Resident memory figures for the leak checks of the benchmarks.</summary>
internal static class ProcessMemory
{
    /// <summary>The process's resident memory (managed and native) in MB, after a full garbage collection.</summary>
    public static double WorkingSetMb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }
}
