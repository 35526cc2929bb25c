using System.Runtime.InteropServices;
using System.Text;

namespace SentimentKit.Devices;

/// <summary>
/// GPU name and memory through NVIDIA's management library, which ships with the driver.
/// TorchSharp exposes neither, and NVML's C API is stable across driver versions.
/// </summary>
internal static partial class Nvml
{
    private const string Library = "libnvidia-ml.so.1";

    /// <summary>Reads the name and total memory of GPU <paramref name="index"/>, or nothing where NVML is absent.</summary>
    public static (string? Name, long? TotalBytes) TryQuery(int index)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, null);
        }

        try
        {
            if (nvmlInit_v2() != 0)
            {
                return (null, null);
            }

            try
            {
                if (nvmlDeviceGetHandleByIndex_v2((uint)index, out var device) != 0)
                {
                    return (null, null);
                }

                var buffer = new byte[96];
                string? name = nvmlDeviceGetName(device, buffer, (uint)buffer.Length) == 0
                    ? Encoding.UTF8.GetString(buffer, 0, Math.Max(0, Array.IndexOf(buffer, (byte)0)))
                    : null;
                long? total = nvmlDeviceGetMemoryInfo(device, out var memory) == 0 ? (long)memory.Total : null;
                return (name, total);
            }
            finally
            {
                _ = nvmlShutdown();
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return (null, null);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }

    [LibraryImport(Library)]
    private static partial int nvmlInit_v2();

    [LibraryImport(Library)]
    private static partial int nvmlShutdown();

    [LibraryImport(Library)]
    private static partial int nvmlDeviceGetHandleByIndex_v2(uint index, out nint device);

    [LibraryImport(Library)]
    private static partial int nvmlDeviceGetName(nint device, [Out] byte[] name, uint length);

    [LibraryImport(Library)]
    private static partial int nvmlDeviceGetMemoryInfo(nint device, out NvmlMemory memory);
}
