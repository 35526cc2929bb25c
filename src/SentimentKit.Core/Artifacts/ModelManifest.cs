using System.Text.Json;
using System.Text.Json.Serialization;
using SentimentKit.Evaluation;
using SentimentKit.Text;

namespace SentimentKit.Artifacts;

/// <summary>
/// The <c>manifest.json</c> of a model artifact: what every model has (versions, labels, text normalization,
/// checksums) plus one section owned by the model's family (for example <c>rnn</c>), kept here as raw JSON so
/// that this type knows no family.
/// </summary>
internal sealed record ModelManifest
{
    public required int FormatVersion { get; init; }

    public required string LibraryVersion { get; init; }

    public required string TorchSharpVersion { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Gets the kind's name in the file (<c>bi_lstm</c>, <c>gru</c>, <c>n_grams</c>; version 1 wrote <c>baseline</c>).</summary>
    [JsonPropertyName("model_kind")]
    public required string Kind { get; init; }

    public required TextNormalizerOptions Normalizer { get; init; }

    public required string Tokenizer { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>
    /// Gets the task: <c>multi_label</c> (format 3, with the section <see cref="MultiLabelSection.Name"/>), or
    /// <see langword="null"/> — not written — for a single-label model, as every file before multi-label was.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Task { get; init; }

    /// <summary>Gets what the model predicts.</summary>
    [JsonIgnore]
    public ClassificationTask ClassificationTask => Task == MultiLabelSection.Task ? ClassificationTask.MultiLabel : ClassificationTask.SingleLabel;

    public required int Seed { get; init; }

    public ClassificationMetrics? ValidationMetrics { get; init; }

    /// <summary>Gets the SHA-256 (lower-case hex) of every other entry, by entry name.</summary>
    public required IReadOnlyDictionary<string, string> Sha256 { get; init; }

    /// <summary>Gets the family's sections (for example <c>rnn</c>, or version 1's <c>feature_count</c>), by property name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Sections { get; init; }

    /// <summary>Reads a family section, or <see langword="null"/> when the manifest has none of that name.</summary>
    public T? Section<T>(string name)
        where T : class =>
        Sections is not null && Sections.TryGetValue(name, out var element) && element.ValueKind != JsonValueKind.Null
            ? element.Deserialize<T>(ArtifactJson.Options)
            : null;

    /// <summary>Returns a copy with a family section set.</summary>
    public ModelManifest WithSection<T>(string name, T value)
    {
        var sections = Sections is null ? new Dictionary<string, JsonElement>(StringComparer.Ordinal) : new Dictionary<string, JsonElement>(Sections, StringComparer.Ordinal);
        sections[name] = JsonSerializer.SerializeToElement(value, ArtifactJson.Options);
        return this with { Sections = sections };
    }
}
