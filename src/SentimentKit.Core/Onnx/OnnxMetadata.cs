using System.Globalization;
using System.Text.Json;
using SentimentKit.Artifacts;

namespace SentimentKit.Onnx;

/// <summary>
/// The <c>metadata_props</c> keys of an exported SentimentKit model: what a runtime without the <c>.skm</c>
/// artifact needs to turn text into the graph's inputs and its outputs into labels. Every key starts with
/// <c>sentimentkit.</c>; values are strings, numbers in the invariant culture, structures in JSON.
/// </summary>
/// <remarks>
/// The graph builders write <see cref="FormatVersion"/>, <see cref="Kind"/>, <see cref="ClassCount"/> and
/// <see cref="Temperature"/> themselves; the caller supplies the rest (proposed below) and may add keys of its own.
/// </remarks>
internal static class OnnxMetadata
{
    private static readonly JsonSerializerOptions CompactArtifactJson = new(ArtifactJson.Options)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The version of this metadata layout (<c>"1"</c>); a reader refuses versions it does not know.</summary>
    public const string FormatVersion = "sentimentkit.format_version";

    /// <summary>The model family, which fixes the graph's inputs: <c>"rnn"</c>, <c>"transformer"</c> or <c>"ngrams"</c>.</summary>
    public const string Kind = "sentimentkit.kind";

    /// <summary>The number of classes, the width of both outputs.</summary>
    public const string ClassCount = "sentimentkit.classes";

    /// <summary>The calibration temperature already applied inside the graph's <c>probabilities</c> (<c>"1"</c> when uncalibrated).</summary>
    public const string Temperature = "sentimentkit.temperature";

    /// <summary>The label names in class order, as a JSON array of strings (<c>["negative","positive"]</c>).</summary>
    public const string Labels = "sentimentkit.labels";

    /// <summary>The task: <c>"single_label"</c> (softmax, one label) or <c>"multi_label"</c>.</summary>
    public const string Task = "sentimentkit.task";

    /// <summary>The library version that exported the model.</summary>
    public const string LibraryVersion = "sentimentkit.library_version";

    /// <summary>The tokenizer's name as the <c>.skm</c> manifest has it (<c>"word"</c>; <c>"wordpiece"</c> for the transformer).</summary>
    public const string Tokenizer = "sentimentkit.tokenizer";

    /// <summary>The text normalizer's settings as the JSON object the artifact's manifest holds.</summary>
    public const string Normalizer = "sentimentkit.normalizer";

    /// <summary>RNN and transformer: the padding id the caller pads <c>ids</c> with.</summary>
    public const string PadId = "sentimentkit.pad_id";

    /// <summary>RNN and transformer: the unknown-token id (RNN: an empty text is fed as this one token).</summary>
    public const string UnkId = "sentimentkit.unk_id";

    /// <summary>RNN: the most tokens fed per text, absent for no limit; transformer: the most tokens, <c>[CLS]</c> and <c>[SEP]</c> included.</summary>
    public const string MaxTokens = "sentimentkit.max_tokens";

    /// <summary>RNN: which tokens a longer text keeps: <c>"head"</c>, <c>"tail"</c> or <c>"head_and_tail"</c>.</summary>
    public const string Truncation = "sentimentkit.truncation";

    /// <summary>The model kind as the <c>.skm</c> manifest names it (<c>"bi_lstm"</c>, <c>"gru"</c>, <c>"n_grams"</c>).</summary>
    public const string ModelKind = "sentimentkit.model_kind";

    /// <summary>When the model was trained, ISO 8601 UTC.</summary>
    public const string CreatedUtc = "sentimentkit.created_utc";

    /// <summary>The seed the model was trained with.</summary>
    public const string Seed = "sentimentkit.seed";

    /// <summary>RNN: the vocabulary, the <c>.skm</c>'s <c>vocab.json</c> as it is (a JSON object whose <c>entries</c> list the tokens in id order).</summary>
    public const string Vocabulary = "sentimentkit.vocabulary";

    /// <summary>Transformer: the WordPiece vocabulary, the <c>.skm</c>'s <c>vocab.txt</c> as it is (one token a line, the line number the id).</summary>
    public const string WordPieceVocabulary = "sentimentkit.wordpiece_vocabulary";

    /// <summary>Transformer: <c>"true"</c> when WordPiece lower-cases and strips accents (an uncased vocabulary), else <c>"false"</c>.</summary>
    public const string LowerCase = "sentimentkit.lower_case";

    /// <summary>Transformer: the share of a too-long text's token budget kept from its start (the rest from its end).</summary>
    public const string TruncationHeadShare = "sentimentkit.truncation_head_share";

    /// <summary>n-grams: the featurizer, the <c>.skm</c>'s <c>ngrams.json</c> as it is (tokens, n-grams, IDF or Naive Bayes weights).</summary>
    public const string NGrams = "sentimentkit.ngrams";

    /// <summary>
    /// Multi-label models: the per-label head as the <c>.skm</c> manifest's <c>multi_label</c> section holds it (JSON:
    /// <c>thresholds</c>, and <c>calibration_scales</c> / <c>calibration_biases</c> when calibrated, already applied
    /// inside the graph's <c>probabilities</c>).
    /// </summary>
    public const string MultiLabel = "sentimentkit.multi_label";

    /// <summary>The layout version written under <see cref="FormatVersion"/> for a single-label model.</summary>
    public const string CurrentFormatVersion = "1";

    /// <summary>
    /// The layout version of a multi-label model (<see cref="Task"/> <c>multi_label</c>, <see cref="MultiLabel"/>): a
    /// runtime that reads only version 1 refuses it instead of taking its sigmoids for a softmax.
    /// </summary>
    public const string MultiLabelFormatVersion = "2";

    /// <summary>Formats label names for <see cref="Labels"/>.</summary>
    public static string FormatLabels(IEnumerable<string> labels) => JsonSerializer.Serialize(labels.ToArray());

    /// <summary>Reads label names written by <see cref="FormatLabels"/>.</summary>
    /// <exception cref="OnnxFormatException">The value is not a JSON array of strings.</exception>
    public static IReadOnlyList<string> ParseLabels(string value)
    {
        try
        {
            var labels = JsonSerializer.Deserialize<string[]>(value);
            if (labels is null || Array.Exists(labels, l => l is null))
            {
                throw new OnnxFormatException($"Metadata {Labels} must be a JSON array of strings.");
            }

            return labels;
        }
        catch (JsonException e)
        {
            throw new OnnxFormatException($"Metadata {Labels} is not a JSON array of strings: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>Formats a number so that it reads back exactly.</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads a number written by <see cref="FormatNumber"/>.</summary>
    /// <exception cref="OnnxFormatException">The value is not a number.</exception>
    public static double ParseNumber(string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new OnnxFormatException($"Metadata {key} is not a number: {OnnxFormatException.Quote(value)}.");

    /// <summary>
    /// Writes the builder's own keys and then the caller's into a model's metadata.
    /// </summary>
    /// <exception cref="ArgumentException">The caller sets one of the builder's keys to another value.</exception>
    public static void Write(OnnxModel model, string kind, int classCount, double temperature, IReadOnlyDictionary<string, string>? extra, MultiLabelSection? multiLabel = null)
    {
        model.Metadata[FormatVersion] = multiLabel is null ? CurrentFormatVersion : MultiLabelFormatVersion;
        if (multiLabel is not null)
        {
            model.Metadata[Task] = MultiLabelSection.Task;
            model.Metadata[MultiLabel] = JsonSerializer.Serialize(multiLabel with { Validation = null }, CompactArtifactJson);
        }

        model.Metadata[Kind] = kind;
        model.Metadata[ClassCount] = classCount.ToString(CultureInfo.InvariantCulture);
        model.Metadata[Temperature] = FormatNumber(temperature);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            ArgumentNullException.ThrowIfNull(key, nameof(extra));
            ArgumentNullException.ThrowIfNull(value, nameof(extra));
            if (model.Metadata.TryGetValue(key, out var own) && !string.Equals(own, value, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Metadata '{key}' is written by the graph builder ('{own}'); it cannot be set to '{value}'.", nameof(extra));
            }

            model.Metadata[key] = value;
        }
    }

    /// <summary>Reads the multi-label head written under <see cref="MultiLabel"/>.</summary>
    /// <exception cref="OnnxFormatException">The value is not a valid head for <paramref name="labelCount"/> labels.</exception>
    public static MultiLabelSection ParseMultiLabel(string value, int labelCount)
    {
        MultiLabelSection? section;
        try
        {
            section = JsonSerializer.Deserialize<MultiLabelSection>(value, ArtifactJson.Options);
        }
        catch (JsonException e)
        {
            throw new OnnxFormatException($"Metadata {MultiLabel} is not valid JSON ({e.Message.Split('\n')[0]}).");
        }

        var problem = section is null ? "it is empty" : section.Problem(labelCount);
        if (problem is not null)
        {
            throw new OnnxFormatException($"Metadata {MultiLabel}: {problem}.");
        }

        return section!;
    }
}
