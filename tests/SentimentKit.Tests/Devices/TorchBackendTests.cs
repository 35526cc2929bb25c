using SentimentKit.Devices;
using TorchSharp;

namespace SentimentKit.Tests.Devices;

public class TorchBackendTests
{
    [Fact]
    public void Resolve_Cpu_DescribesCpuWithLibTorchVersionAndThreads()
    {
        var device = TorchBackend.Resolve(DevicePreference.Cpu);

        device.Kind.Should().Be(DeviceKind.Cpu);
        device.Index.Should().BeNull();
        device.Id.Should().Be("cpu");
        device.LibTorchVersion.Should().MatchRegex(@"^\d+\.\d+");
        device.CpuThreads.Should().BePositive();
        device.Name.Should().NotBeNullOrWhiteSpace();
        device.Describe().Should().StartWith("cpu (").And.Contain("libtorch " + device.LibTorchVersion).And.Contain("CPU threads");
    }

    // Whether CUDA could work is read from the machine (the loaded libtorch folder, the NVIDIA device nodes), not
    // from the check TorchBackend itself makes, so that a wrong check fails here.
    [SkippableFact]
    public void Resolve_AutoWithCpuOnlyLibTorch_PicksCpu()
    {
        var (_, folder) = TorchBackend.ReadLoadedLibTorch();
        Skip.If(folder is not null && File.Exists(Path.Combine(folder, "libtorch_cuda.so")), "the loaded libtorch has CUDA");

        TorchBackend.Resolve(DevicePreference.Auto).Kind.Should().Be(DeviceKind.Cpu);
    }

    [SkippableFact]
    public void Resolve_AutoWithCudaLibTorchAndGpu_PicksCuda()
    {
        var (_, folder) = TorchBackend.ReadLoadedLibTorch();
        Skip.IfNot(folder is not null && File.Exists(Path.Combine(folder, "libtorch_cuda.so")) && File.Exists("/dev/nvidia0"), "no CUDA libtorch or no GPU here");

        TorchBackend.Resolve(DevicePreference.Auto).Kind.Should().Be(DeviceKind.Cuda);
    }

    [SkippableFact]
    public void Resolve_CudaWithoutCudaLibTorch_ThrowsNoCudaLibTorch()
    {
        Skip.If(TorchBackend.IsCudaAvailable, "CUDA is available here");

        var act = () => TorchBackend.Resolve(DevicePreference.Cuda());

        act.Should().Throw<DeviceUnavailableException>()
            .Where(e => e.Reason == DeviceUnavailableReason.NoCudaLibTorch && e.Requested == DevicePreference.Cuda())
            .WithMessage("Device 'cuda' is not available: no CUDA libtorch is loaded*LD_LIBRARY_PATH*");
    }

    [SkippableFact]
    public void Resolve_CudaIndexBeyondCount_ThrowsBadIndex()
    {
        Skip.IfNot(TorchBackend.IsCudaAvailable, "CUDA is not available here");
        var count = TorchBackend.CudaDeviceCount;

        var act = () => TorchBackend.Resolve(DevicePreference.Cuda(count));

        act.Should().Throw<DeviceUnavailableException>().Where(e => e.Reason == DeviceUnavailableReason.BadIndex)
            .WithMessage($"*index {count} is out of range*");
    }

    [SkippableFact]
    public void Resolve_Cuda_DescribesGpu()
    {
        Skip.IfNot(TorchBackend.IsCudaAvailable, "CUDA is not available here");

        var device = TorchBackend.Resolve(DevicePreference.Cuda(0));

        device.Id.Should().Be("cuda:0");
        device.Describe().Should().StartWith("cuda:0 (");
    }

    [Theory]
    [MemberData(nameof(AvailableDevices.All), MemberType = typeof(AvailableDevices))]
    public void Resolve_AnyDevice_TorchDeviceMatchesKindAndIndex(string preference)
    {
        var device = TorchBackend.Resolve(DevicePreference.Parse(preference));

        device.TorchDevice.type.Should().Be(device.IsCuda ? DeviceType.CUDA : DeviceType.CPU);
        device.TorchDevice.index.Should().Be(device.IsCuda ? device.Index!.Value : -1);
    }

    [Fact]
    public void SetCpuThreads_Positive_IsReadBack()
    {
        var before = TorchBackend.CpuThreads;
        try
        {
            TorchBackend.SetCpuThreads(1);

            TorchBackend.CpuThreads.Should().Be(1);
            TorchBackend.Resolve(DevicePreference.Cpu).CpuThreads.Should().Be(1);
        }
        finally
        {
            TorchBackend.SetCpuThreads(before);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void SetCpuThreads_NotPositive_ThrowsArgumentOutOfRange(int count)
    {
        var act = () => TorchBackend.SetCpuThreads(count);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(count));
    }

    [Fact]
    public void ReadLoadedLibTorch_UsesTheLoadedLibraryFolder()
    {
        TorchBackend.EnsureLoaded();

        var (_, path) = TorchBackend.ReadLoadedLibTorch();

        path.Should().NotBeNull();
        File.Exists(Path.Combine(path!, "libtorch_cpu.so")).Should().BeTrue();
    }
}
