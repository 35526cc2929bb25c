using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Onnx;

/// <summary>TorchSharp helpers shared by the ONNX tests.</summary>
internal static class TorchFixtures
{
    /// <summary>The bytes a module's weights are saved as (what ClassifierHost.SaveWeights writes to weights.bin).</summary>
    public static byte[] SaveWeights(nn.Module module)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            module.save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Fills every parameter with seeded normal values (the n-gram model starts at zero).</summary>
    public static void Randomize(nn.Module module)
    {
        using var noGrad = torch.no_grad();
        foreach (var parameter in module.parameters())
        {
            parameter.copy_(torch.randn_like(parameter));
        }
    }
}
