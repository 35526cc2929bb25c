using SentimentKit.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>A weight found in an ONNX graph, and whether it is stored <c>[in, out]</c> and must be transposed to PyTorch's <c>[out, in]</c>.</summary>
/// <param name="Source">The initializer.</param>
/// <param name="Transpose">Whether the stored matrix is the transpose of the parameter.</param>
internal readonly record struct ImportedTensor(OnnxTensor Source, bool Transpose)
{
    /// <summary>Gets the shape of the parameter, after any transposition.</summary>
    public long[] Dims => Transpose ? [Source.Dims[1], Source.Dims[0]] : Source.Dims;

    /// <summary>Makes a float32 CPU tensor of the parameter; the caller owns it.</summary>
    public Tensor ToTensor()
    {
        var stored = torch.tensor(Source.GetFloats(), Source.Dims, ScalarType.Float32);
        return Transpose ? stored.t() : stored;
    }
}
