using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit;

/// <summary>
/// Reads and writes the <c>.skm</c> file: a zip of <c>manifest.json</c>, the vocabulary
/// (<c>vocab.json</c>) or n-gram features (<c>ngrams.json</c>), <c>weights.bin</c> (TorchSharp
/// state dict) and, when fitted, <c>calibration.json</c>. Only JSON and raw tensor data are read;
/// nothing in the file names a type or code to run.
/// </summary>
internal static class ModelArtifact
{
    public const int FormatVersion = 1;
    public const string ManifestEntry = "manifest.json";
    public const string VocabularyEntry = "vocab.json";
    public const string NGramsEntry = "ngrams.json";
    public const string WeightsEntry = "weights.bin";
    public const string CalibrationEntry = "calibration.json";

    private const long MaxJsonBytes = 1L << 30;
    private const long MaxManifestBytes = 16L << 20;
    private const long MaxWeightsBytes = int.MaxValue;
    private const int MaxEntries = 16;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes the artifact to a temporary file beside <paramref name="path"/>, then renames it over the target.</summary>
    public static void Save(string path, ModelManifest manifest, TextPipeline pipeline, TemperatureScaling? calibration)
    {
        var entries = new List<(string Name, byte[] Bytes)>();
        foreach (var (name, write) in pipeline.Entries())
        {
            using var buffer = new MemoryStream();
            write(buffer);
            entries.Add((name, buffer.ToArray()));
        }

        if (calibration is not null)
        {
            entries.Add((CalibrationEntry, JsonSerializer.SerializeToUtf8Bytes(calibration, Json)));
        }

        var hashes = entries.ToDictionary(e => e.Name, e => Convert.ToHexStringLower(SHA256.HashData(e.Bytes)), StringComparer.Ordinal);
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest with { Sha256 = hashes }, Json);
        SaveAtomically(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            Add(zip, ManifestEntry, manifestBytes);
            foreach (var (name, bytes) in entries)
            {
                Add(zip, name, bytes);
            }
        });
    }

    /// <summary>
    /// Writes a file through a temporary file in the same folder and renames it over the target,
    /// so that a failure at any point leaves the previous file as it was.
    /// </summary>
    public static void SaveAtomically(string path, Action<Stream> write) => AtomicFile.Write(path, write);

    /// <summary>Reads and verifies an artifact, then builds its pipeline on <paramref name="device"/>; fails whole or succeeds whole.</summary>
    public static (ModelManifest Manifest, TextPipeline Pipeline, TemperatureScaling? Calibration) Load(string path, ComputeDevice device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model '{path}' does not exist.", path);
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new ModelFormatException(path, "the file is empty.", null);
        }

        Dictionary<string, byte[]> entries;
        ModelManifest manifest;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > MaxEntries)
            {
                throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"it has {zip.Entries.Count} entries; a model has at most {MaxEntries}."), null);
            }

            manifest = JsonSerializer.Deserialize<ModelManifest>(ReadEntry(path, zip, ManifestEntry, MaxManifestBytes), Json)
                ?? throw new ModelFormatException(path, "manifest.json is empty.", null);
            if (manifest.FormatVersion != FormatVersion)
            {
                throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"its format version is {manifest.FormatVersion}; this library reads version {FormatVersion}."), null);
            }

            var required = manifest.ModelKind == ModelKind.Baseline ? NGramsEntry : VocabularyEntry;
            if (manifest.Sha256 is null || !manifest.Sha256.ContainsKey(required) || !manifest.Sha256.ContainsKey(WeightsEntry))
            {
                throw new ModelFormatException(path, $"the manifest lists no checksum for {required} or {WeightsEntry}.", null);
            }

            entries = [];
            foreach (var (name, expected) in manifest.Sha256)
            {
                var bytes = ReadEntry(path, zip, name, name == WeightsEntry ? MaxWeightsBytes : MaxJsonBytes);
                if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), expected, StringComparison.Ordinal))
                {
                    throw new ModelFormatException(path, $"the checksum of {name} does not match the manifest (the file is corrupt or was altered).", null);
                }

                entries[name] = bytes;
            }
        }
        catch (ModelFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or NotSupportedException or ArgumentException)
        {
            throw new ModelFormatException(path, $"it is not a readable SentimentKit model ({e.Message.Split('\n')[0]}).", e);
        }

        TextPipeline? pipeline = null;
        try
        {
            CheckLabels(path, manifest);
            var normalizer = new TextNormalizer(manifest.Normalizer ?? throw new ModelFormatException(path, "the manifest has no normalizer settings.", null));
            if (!string.Equals(manifest.Tokenizer, "word", StringComparison.Ordinal))
            {
                throw new ModelFormatException(path, $"it uses tokenizer '{manifest.Tokenizer}'; this library knows 'word'.", null);
            }

            pipeline = manifest.ModelKind == ModelKind.Baseline
                ? BuildBaseline(path, manifest, entries, device, normalizer)
                : BuildRnn(path, manifest, entries, device, normalizer);
            TemperatureScaling? calibration = null;
            if (entries.TryGetValue(CalibrationEntry, out var calibrationBytes))
            {
                calibration = JsonSerializer.Deserialize<TemperatureScaling>(calibrationBytes, Json);
                if (calibration is null || !double.IsFinite(calibration.Temperature) || calibration.Temperature <= 0)
                {
                    throw new ModelFormatException(path, "calibration.json holds no positive temperature.", null);
                }
            }

            return (manifest, pipeline, calibration);
        }
        catch (Exception e)
        {
            pipeline?.Dispose();
            if (e is ModelFormatException)
            {
                throw;
            }

            if (e is InvalidDataException or JsonException or FormatException or ArgumentException or InvalidOperationException)
            {
                throw new ModelFormatException(path, e.Message.Split('\n')[0], e);
            }

            throw;
        }
    }

    private static void CheckLabels(string path, ModelManifest manifest)
    {
        if (manifest.Labels is null || manifest.Labels.Count < 2 || manifest.Labels.Count > 100_000)
        {
            throw new ModelFormatException(path, "the manifest must list between 2 and 100,000 labels.", null);
        }

        if (manifest.Labels.Distinct(StringComparer.Ordinal).Count() != manifest.Labels.Count || manifest.Labels.Any(string.IsNullOrEmpty))
        {
            throw new ModelFormatException(path, "the manifest's labels must be distinct and non-empty.", null);
        }
    }

    private static RnnPipeline BuildRnn(string path, ModelManifest manifest, Dictionary<string, byte[]> entries, ComputeDevice device, TextNormalizer normalizer)
    {
        var stored = manifest.Rnn ?? throw new ModelFormatException(path, "the manifest has no RNN options.", null);
        var expectedCell = manifest.ModelKind == ModelKind.Gru ? RnnCellType.Gru : RnnCellType.Lstm;
        if (stored.CellType != expectedCell)
        {
            throw new ModelFormatException(path, $"the manifest says {manifest.ModelKind} but its cell is {stored.CellType}.", null);
        }

        // Sizes from the file are checked against bounds and against the weights entry before
        // anything is allocated for them.
        var weightBytes = entries[WeightsEntry].LongLength;
        if (stored.EmbeddingSize is < 1 or > 4096 || stored.HiddenSize is < 1 or > 8192 || stored.HeadHiddenSize is < 1 or > 8192
            || stored.Layers is < 1 or > 16 || stored.VocabularySize is < 2 or > 10_000_000
            || (long)stored.VocabularySize * stored.EmbeddingSize * sizeof(float) > weightBytes)
        {
            throw new ModelFormatException(path, "the RNN sizes in the manifest are out of range or larger than weights.bin.", null);
        }

        if (stored.NumClasses != manifest.Labels.Count)
        {
            throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"the model has {stored.NumClasses} classes but the manifest lists {manifest.Labels.Count} labels."), null);
        }

        var vocabulary = Vocabulary.Load(new MemoryStream(entries[VocabularyEntry], writable: false), VocabularyEntry);
        if (vocabulary.Count != stored.VocabularySize)
        {
            throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"vocab.json has {vocabulary.Count} tokens but the model was built for {stored.VocabularySize}."), null);
        }

        var options = stored.ToOptions();
        var pipeline = new RnnPipeline(manifest.ModelKind, new TextEncoder(vocabulary, normalizer, WordTokenizer.Instance), new RnnClassifier(options), options, device);
        LoadWeights(path, pipeline.LoadWeights, entries[WeightsEntry], pipeline);
        return pipeline;
    }

    private static BaselinePipeline BuildBaseline(string path, ModelManifest manifest, Dictionary<string, byte[]> entries, ComputeDevice device, TextNormalizer normalizer)
    {
        var featurizer = NGramFeaturizer.Load(new MemoryStream(entries[NGramsEntry], writable: false), NGramsEntry, WordTokenizer.Instance);
        if (manifest.FeatureCount != featurizer.FeatureCount)
        {
            throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"ngrams.json has {featurizer.FeatureCount} features but the manifest says {manifest.FeatureCount}."), null);
        }

        if ((long)featurizer.FeatureCount * manifest.Labels.Count * sizeof(float) > entries[WeightsEntry].LongLength)
        {
            throw new ModelFormatException(path, "weights.bin is smaller than the model it must hold.", null);
        }

        if (JsonSerializer.Serialize(featurizer.Normalizer.Options) != JsonSerializer.Serialize(normalizer.Options))
        {
            throw new ModelFormatException(path, "the normalizer settings of ngrams.json and the manifest differ.", null);
        }

        var pipeline = new BaselinePipeline(featurizer, new BagOfNgramsClassifier(featurizer.FeatureCount, manifest.Labels.Count), device);
        LoadWeights(path, pipeline.LoadWeights, entries[WeightsEntry], pipeline);
        return pipeline;
    }

    private static void LoadWeights(string path, Action<Stream> load, byte[] weights, TextPipeline pipeline)
    {
        try
        {
            load(new MemoryStream(weights, writable: false));
        }
        catch (InvalidDataException e)
        {
            pipeline.Dispose();
            throw new ModelFormatException(path, e.Message, e);
        }
    }

    private static byte[] ReadEntry(string path, ZipArchive zip, string name, long maxBytes)
    {
        var entry = zip.GetEntry(name) ?? throw new ModelFormatException(path, $"it has no {name}.", null);
        if (entry.Length > maxBytes)
        {
            throw new ModelFormatException(path, string.Create(CultureInfo.InvariantCulture, $"{name} is {entry.Length} bytes; at most {maxBytes} are read."), null);
        }

        using var stream = entry.Open();
        var bytes = new byte[entry.Length];
        stream.ReadExactly(bytes);
        if (stream.ReadByte() != -1)
        {
            throw new ModelFormatException(path, $"{name} is longer than its zip header says.", null);
        }

        return bytes;
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, name == WeightsEntry ? CompressionLevel.Fastest : CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
