using SentimentKit.Text;

namespace SentimentKit.Tests;

/// <summary>The core package is what a libtorch-free app carries: it must not depend on TorchSharp or any native code.</summary>
public class CoreAssemblyTests
{
    [Fact]
    public void References_NeitherTorchSharpNorTheTensorAssembly()
    {
        var references = typeof(TextEncoder).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        references.Should().NotContain(name => name.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase));
        references.Should().NotContain("SentimentKit");
        references.Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard")
            .Should().BeSubsetOf(["Microsoft.Extensions.Logging.Abstractions"]);
    }
}
