using System.Globalization;
using System.Text;
using System.Text.Json;
using SentimentKit.Artifacts;

namespace SentimentKit.Onnx;

/// <summary>
/// The self-describing ONNX file of a trained model: its graph from the state dict (<c>weights.bin</c>) and, in
/// <c>metadata_props</c>, everything the text side needs (see <see cref="OnnxMetadata"/>). The families of the
/// TorchSharp package export with it, and the libtorch-free runtime builds the same graph from a <c>.skm</c> with it.
/// </summary>
internal static class SentimentOnnxExport
{
    /// <summary>The value of <see cref="OnnxMetadata.Task"/>: softmax over the classes, one label per text.</summary>
    public const string SingleLabel = "single_label";

    /// <summary>The multi-label head of a manifest, or <see langword="null"/> for a single-label model.</summary>
    public static MultiLabelSection? MultiLabelOf(ModelManifest manifest) =>
        manifest.ClassificationTask == ClassificationTask.MultiLabel
            ? manifest.Section<MultiLabelSection>(MultiLabelSection.Name) ?? throw new InvalidDataException("A multi-label manifest has no multi_label section.")
            : null;

    private static readonly JsonSerializerOptions CompactJson = new(ArtifactJson.Options) { WriteIndented = false };

    /// <summary>The RNN graph and its metadata.</summary>
    /// <param name="manifest">The model's manifest (labels, normalizer, tokenizer).</param>
    /// <param name="section">The manifest's <c>rnn</c> section.</param>
    /// <param name="weights">The state dict.</param>
    /// <param name="vocabularyJson">The <c>vocab.json</c> entry.</param>
    /// <param name="temperature">The calibration temperature.</param>
    /// <exception cref="ArgumentException">The architecture is invalid or a weight is missing or of another shape.</exception>
    public static OnnxModel Rnn(ModelManifest manifest, RnnManifestSection section, IReadOnlyDictionary<string, FloatTensor> weights, byte[] vocabularyJson, double temperature)
    {
        var metadata = CommonMetadata(manifest);
        metadata[OnnxMetadata.PadId] = section.PadId.ToString(CultureInfo.InvariantCulture);
        metadata[OnnxMetadata.UnkId] = section.UnkId.ToString(CultureInfo.InvariantCulture);
        if (section.MaxTokens is { } max)
        {
            metadata[OnnxMetadata.MaxTokens] = max.ToString(CultureInfo.InvariantCulture);
        }

        metadata[OnnxMetadata.Truncation] = JsonSerializer.Serialize(section.Truncation, ArtifactJson.Options).Trim('"');
        metadata[OnnxMetadata.Vocabulary] = Encoding.UTF8.GetString(vocabularyJson);
        return RnnOnnxGraph.Build(section.ToSpec(), weights, temperature, metadata, MultiLabelOf(manifest));
    }

    /// <summary>The transformer graph and its metadata.</summary>
    /// <param name="manifest">The model's manifest (labels, normalizer, tokenizer).</param>
    /// <param name="section">The manifest's <c>transformer</c> section.</param>
    /// <param name="weights">The state dict.</param>
    /// <param name="vocabularyText">The <c>vocab.txt</c> entry.</param>
    /// <param name="temperature">The calibration temperature.</param>
    /// <exception cref="ArgumentException">The architecture is invalid or a weight is missing or of another shape.</exception>
    public static OnnxModel Transformer(ModelManifest manifest, TransformerManifestSection section, IReadOnlyDictionary<string, FloatTensor> weights, byte[] vocabularyText, double temperature)
    {
        var metadata = CommonMetadata(manifest);
        metadata[OnnxMetadata.PadId] = section.Network.PadId.ToString(CultureInfo.InvariantCulture);
        metadata[OnnxMetadata.UnkId] = section.Network.UnkId.ToString(CultureInfo.InvariantCulture);
        metadata[OnnxMetadata.MaxTokens] = section.MaxTokens.ToString(CultureInfo.InvariantCulture);
        metadata[OnnxMetadata.TruncationHeadShare] = OnnxMetadata.FormatNumber(section.TruncationHeadShare);
        metadata[OnnxMetadata.LowerCase] = section.LowerCase ? "true" : "false";
        metadata[OnnxMetadata.WordPieceVocabulary] = Encoding.UTF8.GetString(vocabularyText);
        return TransformerOnnxGraph.Build(section.Network, weights, temperature, metadata, MultiLabelOf(manifest));
    }

    /// <summary>The n-gram graph and its metadata.</summary>
    /// <param name="manifest">The model's manifest (labels, normalizer, tokenizer).</param>
    /// <param name="weights">The state dict.</param>
    /// <param name="ngramsJson">The <c>ngrams.json</c> entry.</param>
    /// <param name="temperature">The calibration temperature.</param>
    /// <exception cref="ArgumentException">A weight is missing or of another shape.</exception>
    public static OnnxModel NGrams(ModelManifest manifest, IReadOnlyDictionary<string, FloatTensor> weights, byte[] ngramsJson, double temperature)
    {
        var metadata = CommonMetadata(manifest);
        metadata[OnnxMetadata.NGrams] = Encoding.UTF8.GetString(ngramsJson);
        return NGramOnnxGraph.Build(weights, temperature, metadata, MultiLabelOf(manifest));
    }

    /// <summary>Reads a state dict's float tensors; an <see cref="InvalidDataException"/> when it is malformed.</summary>
    public static Dictionary<string, FloatTensor> ReadWeights(byte[] weights) => TorchStateDict.Read(weights).ToFloatTensors();

    private static Dictionary<string, string> CommonMetadata(ModelManifest manifest) => new(StringComparer.Ordinal)
    {
        [OnnxMetadata.ModelKind] = manifest.Kind,
        [OnnxMetadata.Labels] = OnnxMetadata.FormatLabels(manifest.Labels),
        [OnnxMetadata.Task] = manifest.ClassificationTask == ClassificationTask.MultiLabel ? MultiLabelSection.Task : SingleLabel,
        [OnnxMetadata.LibraryVersion] = manifest.LibraryVersion,
        [OnnxMetadata.CreatedUtc] = manifest.CreatedUtc.ToString("O", CultureInfo.InvariantCulture),
        [OnnxMetadata.Seed] = manifest.Seed.ToString(CultureInfo.InvariantCulture),
        [OnnxMetadata.Tokenizer] = manifest.Tokenizer,
        [OnnxMetadata.Normalizer] = JsonSerializer.Serialize(manifest.Normalizer, CompactJson),
    };
}
