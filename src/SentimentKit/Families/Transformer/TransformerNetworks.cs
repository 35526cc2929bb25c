using SentimentKit.Modeling;
using SentimentKit.Onnx;

namespace SentimentKit.Families.Transformer;

/// <summary>
/// The module's options to and from the manifest's <c>network</c> (<see cref="TransformerNetworkSection"/>, which
/// core reads without TorchSharp): every option, so that the section holds what the options held before there was
/// a core definition of it.
/// </summary>
internal static class TransformerNetworks
{
    public static TransformerNetworkSection ToSection(TransformerClassifierOptions options) => new()
    {
        VocabularySize = options.VocabularySize,
        HiddenSize = options.HiddenSize,
        Layers = options.Layers,
        AttentionHeads = options.AttentionHeads,
        IntermediateSize = options.IntermediateSize,
        MaxPositions = options.MaxPositions,
        TypeVocabularySize = options.TypeVocabularySize,
        LayerNormEpsilon = options.LayerNormEpsilon,
        HiddenDropout = options.HiddenDropout,
        AttentionDropout = options.AttentionDropout,
        Pooling = (TransformerOnnxPooling)options.Pooling,
        HeadDropout = options.HeadDropout,
        ClassCount = options.ClassCount,
        PadId = options.PadId,
        UnkId = options.UnkId,
    };

    public static TransformerClassifierOptions ToOptions(TransformerNetworkSection section) => new()
    {
        VocabularySize = section.VocabularySize,
        HiddenSize = section.HiddenSize,
        Layers = section.Layers,
        AttentionHeads = section.AttentionHeads,
        IntermediateSize = section.IntermediateSize,
        MaxPositions = section.MaxPositions,
        TypeVocabularySize = section.TypeVocabularySize,
        LayerNormEpsilon = section.LayerNormEpsilon,
        HiddenDropout = section.HiddenDropout,
        AttentionDropout = section.AttentionDropout,
        Pooling = (TransformerPooling)section.Pooling,
        HeadDropout = section.HeadDropout,
        ClassCount = section.ClassCount,
        PadId = section.PadId,
        UnkId = section.UnkId,
    };
}
