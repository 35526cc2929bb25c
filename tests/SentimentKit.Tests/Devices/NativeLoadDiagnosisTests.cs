using SentimentKit.Devices;

namespace SentimentKit.Tests.Devices;

public class NativeLoadDiagnosisTests
{
    // The words .NET and glibc give on Debian 12 for TorchSharp 0.107.0, as seen on the build machine.
    private const string DebianTwelveMessage =
        "Unable to load shared library 'LibTorchSharp' or one of its dependencies. In order to help diagnose loading problems, consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: \n"
        + "/app/runtimes/linux-x64/native/libLibTorchSharp.so: cannot open shared object file: No such file or directory\n"
        + "/usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)\n";

    [Fact]
    public void FromLoaderMessage_MissingGlibcxx_NamesSymbolLibraryAndFix()
    {
        var diagnosis = NativeLoadDiagnosis.FromLoaderMessage(DebianTwelveMessage);

        diagnosis.Cause.Should().Contain("GLIBCXX_3.4.32").And.Contain("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
        diagnosis.Fix.Should().Contain("apt-get install -t trixie libstdc++6");
        diagnosis.ToMessage().Should().NotContain("\n").And.StartWith("libtorch could not be loaded: ");
    }

    [Fact]
    public void FromLoaderMessage_MissingLibTorch_SaysReferenceABackendOrLdLibraryPath()
    {
        const string message = "Unable to load shared library 'LibTorchSharp' or one of its dependencies.\nlibtorch_cpu.so: cannot open shared object file: No such file or directory";

        var diagnosis = NativeLoadDiagnosis.FromLoaderMessage(message);

        diagnosis.Cause.Should().Contain("libtorch_cpu.so");
        diagnosis.Fix.Should().Contain("TorchSharp-cpu").And.Contain("LD_LIBRARY_PATH");
    }

    [Fact]
    public void FromLoaderMessage_MissingGlue_NamesLibTorchSharp()
    {
        const string message = "Unable to load shared library 'LibTorchSharp' or one of its dependencies.\n/app/libLibTorchSharp.so: cannot open shared object file: No such file or directory";

        NativeLoadDiagnosis.FromLoaderMessage(message).Cause.Should().Contain("native glue").And.Contain("libLibTorchSharp.so");
    }

    [Fact]
    public void FromLoaderMessage_OldGlibc_NamesGlibcVersion()
    {
        const string message = "/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.38' not found (required by libtorch_cpu.so)";

        NativeLoadDiagnosis.FromLoaderMessage(message).Cause.Should().Contain("GLIBC_2.38");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("something else entirely")]
    public void FromLoaderMessage_UnknownText_StillGivesCauseAndFix(string? message)
    {
        var diagnosis = NativeLoadDiagnosis.FromLoaderMessage(message);

        diagnosis.Cause.Should().StartWith("libtorch could not be loaded");
        diagnosis.Fix.Should().NotBeNullOrWhiteSpace();
    }
}
