using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;

namespace SentimentKit.Devices;

/// <summary>
/// Loads libtorch, chooses CPU or CUDA, and sets CPU threads. Every other part of the library
/// comes through here before it touches TorchSharp, so that a missing or unloadable native
/// backend gives one <see cref="NativeBackendException"/> naming the real cause and the fix.
/// </summary>
/// <remarks>
/// Any libtorch the process can load works, including one found through
/// <c>LD_LIBRARY_PATH</c> (for example the CUDA libtorch of an installed PyTorch:
/// <c>export LD_LIBRARY_PATH=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib</c>).
/// </remarks>
public static partial class TorchBackend
{
    private static readonly Lock Gate = new();
    private static NativeBackendException? _loadFailure;
    private static bool _loaded;
    private static bool? _cudaLibTorchLoaded;
    private static int? _cudaDeviceCount;

    /// <summary>Gets the version of the libtorch in use; loads it first.</summary>
    public static string LibTorchVersion
    {
        get
        {
            EnsureLoaded();
            return ReadLoadedLibTorch().Version;
        }
    }

    /// <summary>Gets the version of the managed TorchSharp assembly in use.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>Gets the number of threads libtorch uses for intra-op work on the CPU; loads it first.</summary>
    public static int CpuThreads
    {
        get
        {
            EnsureLoaded();
            return torch.get_num_threads();
        }
    }

    /// <summary>Gets <see langword="true"/> when a CUDA libtorch is loaded and sees at least one GPU.</summary>
    public static bool IsCudaAvailable => CudaDeviceCount > 0;

    /// <summary>Gets the number of GPUs a loaded CUDA libtorch sees; 0 without a CUDA libtorch.</summary>
    public static int CudaDeviceCount
    {
        get
        {
            EnsureLoaded();
            lock (Gate)
            {
                if (_cudaDeviceCount is { } known)
                {
                    return known;
                }

                _cudaLibTorchLoaded = NativeLibrary.TryLoad("torch_cuda", typeof(torch).Assembly, null, out _);
                _cudaDeviceCount = _cudaLibTorchLoaded.Value && torch.cuda.is_available() ? torch.cuda.device_count() : 0;
                return _cudaDeviceCount.Value;
            }
        }
    }

    /// <summary>
    /// Loads libtorch once per process. Safe to call many times and from many threads.
    /// </summary>
    /// <exception cref="NativeBackendException">libtorch cannot be loaded; the message names the cause and the fix.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }

            if (_loadFailure is not null)
            {
                throw _loadFailure;
            }

            // Probe TorchSharp's native glue before TorchSharp does: its own failure path prints
            // a long misleading trace to stdout and poisons the torch type for the process.
            var probeError = ProbeNativeGlue();
            if (probeError is not null)
            {
                var diagnosis = NativeLoadDiagnosis.FromLoaderMessage(probeError);
                _loadFailure = new NativeBackendException(diagnosis.ToMessage(), diagnosis.Fix, probeError, null);
                throw _loadFailure;
            }

            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
                _loaded = true;
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or InvalidOperationException)
            {
                var detail = (e.InnerException ?? e).Message;
                var diagnosis = NativeLoadDiagnosis.FromLoaderMessage(detail);
                _loadFailure = new NativeBackendException(diagnosis.ToMessage(), diagnosis.Fix, detail, e);
                throw _loadFailure;
            }
        }
    }

    /// <summary>Resolves a device preference to a usable device.</summary>
    /// <param name="preference">What to run on.</param>
    /// <returns>The device.</returns>
    /// <exception cref="DeviceUnavailableException">CUDA was asked for and cannot be used; <see cref="DeviceUnavailableException.Reason"/> says why.</exception>
    /// <exception cref="NativeBackendException">libtorch cannot be loaded.</exception>
    public static ComputeDevice Resolve(DevicePreference preference) => Resolve(preference, NullLogger.Instance);

    /// <summary>Resolves a device preference to a usable device and logs the choice.</summary>
    /// <param name="preference">What to run on.</param>
    /// <param name="logger">Where to log the chosen device.</param>
    /// <returns>The device.</returns>
    /// <exception cref="DeviceUnavailableException">CUDA was asked for and cannot be used; <see cref="DeviceUnavailableException.Reason"/> says why.</exception>
    /// <exception cref="NativeBackendException">libtorch cannot be loaded.</exception>
    public static ComputeDevice Resolve(DevicePreference preference, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(preference);
        ArgumentNullException.ThrowIfNull(logger);
        EnsureLoaded();

        var count = CudaDeviceCount;
        ComputeDevice device;
        switch (preference.Kind)
        {
            case DeviceKind.Cpu:
                device = DescribeCpu();
                break;
            case DeviceKind.Auto:
                device = count > 0 ? DescribeCuda(0) : DescribeCpu();
                break;
            default:
                var index = preference.Index ?? 0;
                if (_cudaLibTorchLoaded != true)
                {
                    throw new DeviceUnavailableException(preference, DeviceUnavailableReason.NoCudaLibTorch,
                        $"Device '{preference}' is not available: no CUDA libtorch is loaded (the app has a CPU-only backend). Reference a CUDA libtorch package, or put a CUDA PyTorch's torch/lib on LD_LIBRARY_PATH and drop the CPU libtorch files from the app folder.");
                }

                if (count == 0)
                {
                    throw new DeviceUnavailableException(preference, DeviceUnavailableReason.NoGpu,
                        $"Device '{preference}' is not available: a CUDA libtorch is loaded but sees no GPU (check the NVIDIA driver with nvidia-smi and CUDA_VISIBLE_DEVICES).");
                }

                if (index >= count)
                {
                    throw new DeviceUnavailableException(preference, DeviceUnavailableReason.BadIndex,
                        string.Create(CultureInfo.InvariantCulture, $"Device '{preference}' is not available: GPU index {index} is out of range; this machine has {count} GPU(s), indices 0 to {count - 1}."));
                }

                device = DescribeCuda(index);
                break;
        }

        Log.DeviceResolved(logger, preference, device);
        return device;
    }

    /// <summary>Sets the number of threads libtorch uses for intra-op work on the CPU.</summary>
    /// <param name="count">The number of threads, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static void SetCpuThreads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        EnsureLoaded();
        torch.set_num_threads(count);
    }

    private static string? ProbeNativeGlue()
    {
        try
        {
            // Kept loaded on purpose: TorchSharp loads the same library next.
            _ = NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
        catch (BadImageFormatException e)
        {
            return e.Message;
        }
    }

    private static ComputeDevice DescribeCpu()
    {
        var (version, path) = ReadLoadedLibTorch();
        return new ComputeDevice(DeviceKind.Cpu, null, CpuModelName(), null, version, path, torch.get_num_threads());
    }

    private static ComputeDevice DescribeCuda(int index)
    {
        var (version, path) = ReadLoadedLibTorch();
        var (name, memory) = Nvml.TryQuery(index);
        var label = name ?? string.Create(CultureInfo.InvariantCulture, $"CUDA device {index}");
        return new ComputeDevice(DeviceKind.Cuda, index, label, memory, version, path, torch.get_num_threads());
    }

    /// <summary>
    /// Finds which libtorch the process really loaded: TorchSharp's constant names the version it
    /// was built against, not one picked up from LD_LIBRARY_PATH.
    /// </summary>
    internal static (string Version, string? Path) ReadLoadedLibTorch()
    {
        var bundled = torch.__version__;
        string? folder = null;
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/self/maps"))
            {
                var line = File.ReadLines("/proc/self/maps").FirstOrDefault(l => l.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal));
                if (line is not null)
                {
                    folder = Path.GetDirectoryName(line[line.IndexOf('/', StringComparison.Ordinal)..]);
                }
            }
        }
        catch (IOException)
        {
            folder = null;
        }

        // A PyTorch install keeps its version in torch/version.py beside torch/lib.
        if (folder is not null)
        {
            var versionFile = Path.Combine(folder, "..", "version.py");
            if (File.Exists(versionFile))
            {
                var match = PyTorchVersionPattern().Match(File.ReadAllText(versionFile));
                if (match.Success)
                {
                    return (match.Groups[1].Value, folder);
                }
            }
        }

        return (NormalizeVersion(bundled), folder);
    }

    private static string NormalizeVersion(string version) =>
        version.EndsWith(".0", StringComparison.Ordinal) && version.Count(c => c == '.') == 3 ? version[..^2] : version;

    private static string CpuModelName()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null && line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
            // Fall through to the architecture name.
        }

        return $"CPU ({RuntimeInformation.ProcessArchitecture})";
    }

    [GeneratedRegex(@"__version__\s*=\s*['""]([^'""]+)['""]")]
    private static partial Regex PyTorchVersionPattern();
}
