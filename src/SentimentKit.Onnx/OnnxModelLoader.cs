using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using SentimentKit.Artifacts;
using SentimentKit.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// Reads a <c>.skm</c> file (building the ONNX graph from its weights, as the export does) or an exported
/// <c>.onnx</c> file (its text side from the metadata) into what <see cref="OnnxSentimentPredictor"/> needs. Every
/// problem with the file is a <see cref="ModelFormatException"/> with a one-line reason; nothing stays loaded.
/// </summary>
internal static class OnnxModelLoader
{
    private const string RnnSection = "rnn";

    public static (ModelInfo Info, double Temperature, ITextScorer Scorer, MultiLabelSection? MultiLabel) Load(string path, OnnxRuntimeOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new ModelFormatException(path, "it is a folder, not a model file.", null);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model '{path}' does not exist.", path);
        }

        try
        {
            return IsZip(path) ? LoadArtifact(path, options) : LoadOnnx(path, options);
        }
        catch (Exception e) when (e is OnnxFormatException or TextFormatException or JsonException or InvalidDataException
            or ArgumentException or KeyNotFoundException or OnnxRuntimeException)
        {
            throw new ModelFormatException(Path.GetFullPath(path), e.Message.ReplaceLineEndings(" ").Trim(), e);
        }
    }

    private static bool IsZip(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        return stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == (byte)'P' && magic[1] == (byte)'K';
    }

    private static (ModelInfo, double, ITextScorer, MultiLabelSection?) LoadArtifact(string path, OnnxRuntimeOptions options)
    {
        var contents = ModelArtifactReader.Read(path);
        var manifest = contents.Manifest;
        var multiLabel = SentimentOnnxExport.MultiLabelOf(manifest);
        var (kind, temperature, scorer) = Scorer(contents, options);
        var info = ModelInfo.Of(manifest, kind, temperature, multiLabel?.Thresholds, Path.GetFullPath(path), contents.FileSha256, "onnx");
        return (info, temperature, scorer, multiLabel);
    }

    /// <summary>The scorer of verified contents (a file's, or an ensemble member's) and the temperature to apply to its logits.</summary>
    private static (ModelKind Kind, double Temperature, ITextScorer Scorer) Scorer(ArtifactContents contents, OnnxRuntimeOptions options)
    {
        var manifest = contents.Manifest;
        if (!ModelKindNames.TryParse(manifest.Kind, out var kind))
        {
            throw contents.Error($"its model kind '{manifest.Kind}' is not one this library knows.");
        }

        if (kind == ModelKind.Ensemble)
        {
            return (kind, 1.0, EnsembleScorer(contents, options));
        }

        CheckTokenizer(kind, manifest.Tokenizer);
        var temperature = contents.Calibration()?.Temperature ?? 1.0;
        var weights = SentimentOnnxExport.ReadWeights(contents.Entries[ArtifactEntries.Weights]);
        var normalizer = new TextNormalizer(manifest.Normalizer);
        if (kind == ModelKind.NGrams)
        {
            var featurizer = NGramFeaturizer.Load(contents.Open(ArtifactEntries.NGrams), ArtifactEntries.NGrams, WordTokenizer.Instance, normalizer);
            return (kind, temperature, NGramScorer(featurizer, weights, manifest.Labels.Count));
        }

        if (kind == ModelKind.Transformer)
        {
            var (transformer, vocabulary) = TransformerManifestSection.Read(contents);
            var text = transformer.CreateText(manifest.Normalizer, vocabulary);
            var graph = SentimentOnnxExport.Transformer(manifest, transformer, weights, contents.Entries[ArtifactEntries.WordPieceVocabulary], temperature);
            return (kind, temperature, new SequenceSessionScorer(graph.ToByteArray(), text.EncodeIds, transformer.Network.PadId, manifest.Labels.Count, options));
        }

        var section = contents.RequiredSection<RnnManifestSection>(RnnSection, "RNN options");
        var vocabularyJson = contents.Entries[ArtifactEntries.Vocabulary];
        var encoder = RnnEncoder(new MemoryStream(vocabularyJson), ArtifactEntries.Vocabulary, normalizer, section.VocabularySize);
        if (section.ClassCount != manifest.Labels.Count)
        {
            throw contents.Error($"the model has {section.ClassCount} classes but the manifest lists {manifest.Labels.Count} labels.");
        }

        var model = SentimentOnnxExport.Rnn(manifest, section, weights, vocabularyJson, temperature);
        return (kind, temperature, new SequenceSessionScorer(model.ToByteArray(), text => section.Prepare(encoder, text), section.PadId, manifest.Labels.Count, options));
    }

    // Every member scored as its own file would be; whole or nothing.
    private static EnsembleScorer EnsembleScorer(ArtifactContents contents, OnnxRuntimeOptions options)
    {
        var (section, members) = contents.Ensemble();
        var scorers = new List<(double Weight, double Temperature, ITextScorer Scorer)>(members.Count);
        try
        {
            for (var i = 0; i < members.Count; i++)
            {
                var (_, temperature, scorer) = Scorer(members[i], options);
                scorers.Add((section.Members[i].Weight, temperature, scorer));
            }

            return new EnsembleScorer(scorers, section.Temperature, contents.Manifest.Labels.Count);
        }
        catch
        {
            scorers.ForEach(s => s.Scorer.Dispose());
            throw;
        }
    }

    private static (ModelInfo, double, ITextScorer, MultiLabelSection?) LoadOnnx(string path, OnnxRuntimeOptions options)
    {
        var bytes = File.ReadAllBytes(path);
        var model = OnnxModel.Read(bytes);
        var metadata = new Metadata(model);
        var version = metadata.Required(OnnxMetadata.FormatVersion);
        if (version != OnnxMetadata.CurrentFormatVersion && version != OnnxMetadata.MultiLabelFormatVersion)
        {
            throw new OnnxFormatException($"Metadata {OnnxMetadata.FormatVersion} is {OnnxFormatException.Quote(version)}; this runtime reads versions {OnnxMetadata.CurrentFormatVersion} and {OnnxMetadata.MultiLabelFormatVersion} (not a SentimentKit export, or a newer one).");
        }

        CheckOpsets(model);
        var labels = OnnxMetadata.ParseLabels(metadata.Required(OnnxMetadata.Labels));
        var task = metadata.Optional(OnnxMetadata.Task) ?? SentimentOnnxExport.SingleLabel;
        Expect(
            (task == SentimentOnnxExport.SingleLabel && version == OnnxMetadata.CurrentFormatVersion) || (task == MultiLabelSection.Task && version == OnnxMetadata.MultiLabelFormatVersion),
            $"metadata {OnnxMetadata.Task} {OnnxFormatException.Quote(task)} does not go with format version {OnnxFormatException.Quote(version)} (single_label is version 1, multi_label version 2)");
        var multiLabel = task == MultiLabelSection.Task ? OnnxMetadata.ParseMultiLabel(metadata.Required(OnnxMetadata.MultiLabel), labels.Count) : null;
        var modelKind = metadata.Required(OnnxMetadata.ModelKind);
        if (!ModelKindNames.TryParse(modelKind, out var kind))
        {
            throw new OnnxFormatException($"Metadata {OnnxMetadata.ModelKind} {OnnxFormatException.Quote(modelKind)} is not a model kind this library knows.");
        }

        CheckTokenizer(kind, metadata.Required(OnnxMetadata.Tokenizer));
        var temperature = OnnxMetadata.ParseNumber(OnnxMetadata.Temperature, metadata.Required(OnnxMetadata.Temperature));
        if (!double.IsFinite(temperature) || temperature <= 0)
        {
            throw new OnnxFormatException($"Metadata {OnnxMetadata.Temperature} must be a positive number.");
        }

        var normalizerOptions = JsonSerializer.Deserialize<TextNormalizerOptions>(metadata.Required(OnnxMetadata.Normalizer), ArtifactJson.Options)
            ?? throw new OnnxFormatException($"Metadata {OnnxMetadata.Normalizer} is not a JSON object.");
        var normalizer = new TextNormalizer(normalizerOptions);
        var graphKind = metadata.Required(OnnxMetadata.Kind);
        ITextScorer scorer;
        if (kind == ModelKind.NGrams)
        {
            Expect(graphKind == NGramOnnxGraph.Kind, $"metadata {OnnxMetadata.Kind} is {OnnxFormatException.Quote(graphKind)} but the model kind is ngrams");
            var featurizer = NGramFeaturizer.Load(Utf8(metadata.Required(OnnxMetadata.NGrams)), OnnxMetadata.NGrams, WordTokenizer.Instance, normalizer);
            var weights = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
            foreach (var key in new[] { NGramOnnxGraph.WeightKey, NGramOnnxGraph.BiasKey })
            {
                var tensor = model.Graph.GetInitializer(key);
                weights[key] = new FloatTensor(tensor.Dims, tensor.GetFloats());
            }

            scorer = NGramScorer(featurizer, weights, labels.Count);
        }
        else if (kind == ModelKind.Transformer)
        {
            CheckSequenceGraph(model, graphKind, TransformerOnnxGraph.Kind, modelKind);
            scorer = TransformerScorer(bytes, model, metadata, normalizerOptions, labels.Count, options);
        }
        else
        {
            CheckSequenceGraph(model, graphKind, RnnOnnxGraph.Kind, modelKind);
            var section = new RnnManifestSection
            {
                PadId = metadata.Integer(OnnxMetadata.PadId) ?? throw Missing(OnnxMetadata.PadId),
                UnkId = metadata.Integer(OnnxMetadata.UnkId) ?? throw Missing(OnnxMetadata.UnkId),
                MaxTokens = metadata.Integer(OnnxMetadata.MaxTokens),
                Truncation = JsonSerializer.Deserialize<TokenTruncation>(JsonSerializer.Serialize(metadata.Required(OnnxMetadata.Truncation)), ArtifactJson.Options),
            };
            Expect(section.MaxTokens is null or >= 1, $"metadata {OnnxMetadata.MaxTokens} must be at least 1");
            var encoder = RnnEncoder(Utf8(metadata.Required(OnnxMetadata.Vocabulary)), OnnxMetadata.Vocabulary, normalizer, expectedCount: null);
            scorer = new SequenceSessionScorer(bytes, text => section.Prepare(encoder, text), section.PadId, labels.Count, options);
        }

        var info = new ModelInfo
        {
            Kind = kind,
            Labels = labels,
            CreatedUtc = DateTimeOffset.TryParse(metadata.Optional(OnnxMetadata.CreatedUtc), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : DateTimeOffset.MinValue,
            LibraryVersion = metadata.Optional(OnnxMetadata.LibraryVersion) ?? "unknown",
            Seed = metadata.Integer(OnnxMetadata.Seed) ?? 0,
            Temperature = temperature,
            Path = Path.GetFullPath(path),
            FileSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            Runtime = "onnx",
            Task = multiLabel is null ? ClassificationTask.SingleLabel : ClassificationTask.MultiLabel,
            Thresholds = multiLabel?.Thresholds,
        };
        return (info, temperature, scorer, multiLabel);
    }

    private static NGramManagedScorer NGramScorer(NGramFeaturizer featurizer, IReadOnlyDictionary<string, FloatTensor> weights, int labelCount)
    {
        var linear = new NGramLinearScorer(weights);
        Expect(linear.FeatureCount == featurizer.FeatureCount, $"the featurizer has {featurizer.FeatureCount} features but the weights {linear.FeatureCount}");
        Expect(linear.ClassCount == labelCount, $"the weights score {linear.ClassCount} classes but there are {labelCount} labels");
        return new NGramManagedScorer(featurizer, linear);
    }

    private static TextEncoder RnnEncoder(Stream vocabularyJson, string sourceName, TextNormalizer normalizer, int? expectedCount)
    {
        var vocabulary = Vocabulary.Load(vocabularyJson, sourceName);
        Expect(expectedCount is null || vocabulary.Count == expectedCount, $"{sourceName} has {vocabulary.Count} tokens but the model was built for {expectedCount}");
        return new TextEncoder(vocabulary, normalizer, WordTokenizer.Instance);
    }

    /// <summary>
    /// The transformer's text side from the metadata, checked against the graph: the vocabulary's special ids must be
    /// the ones the model was trained with, and the token budget within the graph's positions.
    /// </summary>
    private static SequenceSessionScorer TransformerScorer(byte[] bytes, OnnxModel model, Metadata metadata, TextNormalizerOptions normalizer, int labelCount, OnnxRuntimeOptions options)
    {
        var vocabulary = WordPieceVocabulary.Load(Utf8(metadata.Required(OnnxMetadata.WordPieceVocabulary)), OnnxMetadata.WordPieceVocabulary);
        var padId = metadata.Integer(OnnxMetadata.PadId) ?? throw Missing(OnnxMetadata.PadId);
        var unkId = metadata.Integer(OnnxMetadata.UnkId) ?? throw Missing(OnnxMetadata.UnkId);
        Expect(
            vocabulary.PadId == padId && vocabulary.UnkId == unkId,
            string.Create(CultureInfo.InvariantCulture, $"metadata {OnnxMetadata.PadId} ({padId}) and {OnnxMetadata.UnkId} ({unkId}) do not match the vocabulary's [PAD] ({vocabulary.PadId}) and [UNK] ({vocabulary.UnkId})"));
        var lowerCase = metadata.Required(OnnxMetadata.LowerCase) switch
        {
            "true" => true,
            "false" => false,
            var other => throw new OnnxFormatException($"Metadata {OnnxMetadata.LowerCase} must be 'true' or 'false', not {OnnxFormatException.Quote(other)}."),
        };
        var maxTokens = metadata.Integer(OnnxMetadata.MaxTokens) ?? throw Missing(OnnxMetadata.MaxTokens);
        var headShare = OnnxMetadata.ParseNumber(OnnxMetadata.TruncationHeadShare, metadata.Required(OnnxMetadata.TruncationHeadShare));
        Expect(headShare is >= 0 and <= 1, $"metadata {OnnxMetadata.TruncationHeadShare} must be in [0, 1]");
        var words = model.Graph.GetInitializer(TransformerOnnxGraph.WordEmbeddingsKey).Dims;
        var positions = model.Graph.GetInitializer(TransformerOnnxGraph.PositionEmbeddingsKey).Dims;
        Expect(
            words.Length == 2 && words[0] == vocabulary.Count,
            string.Create(CultureInfo.InvariantCulture, $"metadata {OnnxMetadata.WordPieceVocabulary} has {vocabulary.Count} tokens but the graph embeds [{string.Join(", ", words)}]"));
        Expect(
            positions.Length == 2 && maxTokens >= 2 && maxTokens <= positions[0],
            string.Create(CultureInfo.InvariantCulture, $"metadata {OnnxMetadata.MaxTokens} ({maxTokens}) must be in [2, {(positions.Length == 2 ? positions[0] : 0)}], the graph's positions"));
        var text = new TransformerText(normalizer, vocabulary, lowerCase, maxTokens, headShare);
        return new SequenceSessionScorer(bytes, text.EncodeIds, padId, labelCount, options);
    }

    /// <summary>The graph of a kind read from ids and lengths: its metadata kind, its two int64 inputs, a float <c>logits</c> output.</summary>
    private static void CheckSequenceGraph(OnnxModel model, string graphKind, string expectedKind, string modelKind)
    {
        Expect(graphKind == expectedKind, $"metadata {OnnxMetadata.Kind} is {OnnxFormatException.Quote(graphKind)} but the model kind is {modelKind}");
        CheckInput(model, SequenceGraphParts.IdsInput, 2);
        CheckInput(model, SequenceGraphParts.LengthsInput, 1);
        Expect(model.Graph.Outputs.Exists(o => o.Name == OnnxGraphBuilder.LogitsOutput && o.ElementType == OnnxDataType.Float), $"mismatched outputs: the graph has no float output '{OnnxGraphBuilder.LogitsOutput}'");
    }

    /// <summary>The transformer is read with WordPiece, every other kind with the word tokenizer.</summary>
    private static void CheckTokenizer(ModelKind kind, string tokenizer)
    {
        var expected = kind == ModelKind.Transformer ? TransformerManifestSection.Tokenizer : "word";
        Expect(string.Equals(tokenizer, expected, StringComparison.Ordinal), $"it uses tokenizer {OnnxFormatException.Quote(tokenizer)}; this library reads {ModelKindNames.Name(kind)} models with '{expected}'");
    }

    private static void CheckOpsets(OnnxModel model)
    {
        foreach (var opset in model.OpsetImports)
        {
            var standard = opset.Domain.Length == 0 || opset.Domain == OnnxOperatorSet.StandardDomain;
            if (!standard || opset.Version > OnnxGraphBuilder.Opset)
            {
                throw new OnnxFormatException(string.Create(CultureInfo.InvariantCulture, $"unknown opset: domain {OnnxFormatException.Quote(opset.Domain)} version {opset.Version}; this runtime reads the standard operators up to opset {OnnxGraphBuilder.Opset}."));
            }
        }
    }

    private static void CheckInput(OnnxModel model, string name, int rank)
    {
        var input = model.Graph.Inputs.Find(i => i.Name == name);
        Expect(
            input is not null && input.ElementType == OnnxDataType.Int64 && (input.Shape is null || input.Shape.Count == rank),
            $"mismatched inputs: the graph needs an int64 input '{name}' of rank {rank} (it has {string.Join(", ", model.Graph.Inputs.Select(i => $"'{i.Name}' {i.ElementType} [{string.Join(", ", i.Shape ?? [])}]"))})");
    }

    private static void Expect(bool condition, string reason)
    {
        if (!condition)
        {
            throw new OnnxFormatException(reason + ".");
        }
    }

    private static OnnxFormatException Missing(string key) => new($"The ONNX file has no metadata {key}; it is not a SentimentKit export.");

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The metadata_props of a file, with one-line errors for what is missing or malformed.</summary>
    private sealed class Metadata(OnnxModel model)
    {
        public string Required(string key) => model.Metadata.TryGetValue(key, out var value) ? value : throw Missing(key);

        public string? Optional(string key) => model.Metadata.GetValueOrDefault(key);

        public int? Integer(string key) => Optional(key) is not { } text ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : throw new OnnxFormatException($"Metadata {key} is not a whole number: {OnnxFormatException.Quote(text)}.");
    }
}
