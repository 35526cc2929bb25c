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

    [Fact]
    public void Resolve_Auto_PicksCudaExactlyWhenAvailable()
    {
        var device = TorchBackend.Resolve(DevicePreference.Auto);

        device.Kind.Should().Be(TorchBackend.IsCudaAvailable ? DeviceKind.Cuda : DeviceKind.Cpu);
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
    public void TorchDevice_ForwardAndBackward_RunsOnResolvedDevice(string preference)
    {
        var device = TorchBackend.Resolve(DevicePreference.Parse(preference));
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);

        var weights = torch.randn(4, 3, device: device.TorchDevice).requires_grad_();
        var input = torch.ones(2, 4, device: device.TorchDevice);
        var loss = input.matmul(weights).pow(2).sum();
        loss.backward();

        weights.device_type.Should().Be(device.IsCuda ? DeviceType.CUDA : DeviceType.CPU);
        // d/dW sum((xW)^2) = 2 x^T (xW): with x all ones, every row of the gradient equals 2 * 2 * colsum(W).
        var expected = weights.detach().sum(dim: 0, keepdim: true).mul(4f).expand(4, 3);
        weights.grad.Should().NotBeNull();
        weights.grad!.allclose(expected, rtol: 1e-5, atol: 1e-5).Should().BeTrue();
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
    public void EnsureLoaded_CalledFromManyThreads_IsIdempotent()
    {
        Parallel.For(0, 16, _ => TorchBackend.EnsureLoaded());

        TorchBackend.LibTorchVersion.Should().NotBeNullOrWhiteSpace();
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
