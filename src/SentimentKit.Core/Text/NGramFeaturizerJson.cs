using System.Text.Json;

namespace SentimentKit.Text;

/// <summary>
/// The JSON form of an <see cref="NGramFeaturizer"/> (<c>sentimentkit-ngrams</c>, version 3): settings, tokens, n-grams
/// as token indices, document frequencies and, for Naive Bayes weighting, the ratios. Versions 1 and 2 still load.
/// Reading checks every count and index before building anything.
/// </summary>
internal static class NGramFeaturizerJson
{
    private const string FormatName = "sentimentkit-ngrams";
    private const int FormatVersion = 3;

    /// <summary>Writes a featurizer; <paramref name="includeNormalizer"/> is false inside a model file, whose manifest holds the normalizer settings.</summary>
    public static void Write(NGramFeaturizer featurizer, Stream stream, bool includeNormalizer)
    {
        using var writer = new Utf8JsonWriter(stream);
        var normalizer = featurizer.Normalizer.Options;
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteNumber("maxNGramLength", featurizer.MaxNGramLength);
        writer.WriteBoolean("sublinearTf", featurizer.SublinearTf);
        writer.WriteString("weighting", featurizer.Ratios is null ? "tfidf" : "naive-bayes");
        writer.WriteNumber("documentCount", featurizer.DocumentCount);
        if (includeNormalizer)
        {
            writer.WriteStartObject("normalizer");
            writer.WriteBoolean("lowerCase", normalizer.LowerCase);
            writer.WriteBoolean("stripHtmlTags", normalizer.StripHtmlTags);
            writer.WriteBoolean("decodeHtmlEntities", normalizer.DecodeHtmlEntities);
            writer.WriteBoolean("unicodeNormalization", normalizer.UnicodeNormalization);
            writer.WriteBoolean("removeFormatCharacters", normalizer.RemoveFormatCharacters);
            writer.WriteBoolean("collapseWhitespace", normalizer.CollapseWhitespace);
            writer.WriteEndObject();
        }
        writer.WriteStartArray("tokens");
        foreach (var token in featurizer.Tokens)
        {
            writer.WriteStringValue(token);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("features");
        foreach (var feature in featurizer.Features)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(feature.First);
            if (feature.Second >= 0)
            {
                writer.WriteNumberValue(feature.Second);
            }

            if (feature.Third >= 0)
            {
                writer.WriteNumberValue(feature.Third);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("documentFrequencies");
        foreach (var df in featurizer.DocumentFrequencies)
        {
            writer.WriteNumberValue(df);
        }

        writer.WriteEndArray();
        if (featurizer.Ratios is not null)
        {
            writer.WriteStartArray("naiveBayesRatios");
            foreach (var ratio in featurizer.Ratios)
            {
                writer.WriteNumberValue(ratio);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a featurizer; <paramref name="normalizerWhenAbsent"/> is used when the JSON holds no normalizer settings.</summary>
    /// <exception cref="TextFormatException">The JSON is not a valid featurizer.</exception>
    public static NGramFeaturizer Read(Stream stream, string sourceName, ITokenizer tokenizer, TextNormalizer? normalizerWhenAbsent)
    {
        using var document = TextJson.Parse(stream, sourceName);
        try
        {
            return FromJson(document.RootElement, sourceName, tokenizer, normalizerWhenAbsent);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException and not TextFormatException)
        {
            throw new TextFormatException(sourceName, null, "a value has the wrong type: " + e.Message, e);
        }
    }

    private static NGramFeaturizer FromJson(JsonElement root, string sourceName, ITokenizer tokenizer, TextNormalizer? normalizerWhenAbsent)
    {
        TextFormatException Bad(string reason) => new(sourceName, null, reason);

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format)
            || format.GetString() != FormatName)
        {
            throw Bad($"not an n-gram featurizer (expected \"format\": \"{FormatName}\").");
        }

        // Version 1 had TF-IDF only; version 2 adds the weighting and the Naive Bayes ratios; version 3 lets a model
        // file keep the normalizer settings in its manifest only.
        if (!root.TryGetProperty("version", out var version) || version.GetInt32() is < 1 or > FormatVersion)
        {
            throw Bad($"unsupported featurizer version (expected 1 to {FormatVersion}).");
        }

        JsonElement Required(string name) =>
            root.TryGetProperty(name, out var value) ? value : throw Bad($"\"{name}\" is missing.");

        var maxNGramLength = Required("maxNGramLength").GetInt32();
        if (maxNGramLength is < 1 or > 3)
        {
            throw Bad($"maxNGramLength must be 1, 2 or 3 (was {maxNGramLength}).");
        }

        var sublinearTf = Required("sublinearTf").GetBoolean();
        var documentCount = Required("documentCount").GetInt32();
        if (documentCount < 0)
        {
            throw Bad("documentCount is negative.");
        }

        TextNormalizer normalizer;
        if (root.TryGetProperty("normalizer", out var n))
        {
            normalizer = new TextNormalizer(new TextNormalizerOptions
            {
                LowerCase = n.GetProperty("lowerCase").GetBoolean(),
                StripHtmlTags = n.GetProperty("stripHtmlTags").GetBoolean(),
                DecodeHtmlEntities = n.GetProperty("decodeHtmlEntities").GetBoolean(),
                UnicodeNormalization = n.GetProperty("unicodeNormalization").GetBoolean(),
                RemoveFormatCharacters = n.GetProperty("removeFormatCharacters").GetBoolean(),
                CollapseWhitespace = n.GetProperty("collapseWhitespace").GetBoolean(),
            });
        }
        else
        {
            normalizer = normalizerWhenAbsent ?? throw Bad("\"normalizer\" is missing (a model file keeps it in its manifest).");
        }

        var tokens = Required("tokens").EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToArray();
        if (tokens.Length > NGramKey.MaxTokenId + 1)
        {
            throw Bad($"it has {tokens.Length} tokens; at most {NGramKey.MaxTokenId + 1} are supported.");
        }

        var distinctTokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            if (token.Length == 0 || !distinctTokens.Add(token))
            {
                throw Bad($"the token '{token}' is empty or appears twice.");
            }
        }

        var featureArray = Required("features");
        var frequencyArray = Required("documentFrequencies");
        if (featureArray.GetArrayLength() != frequencyArray.GetArrayLength())
        {
            throw Bad("features and documentFrequencies differ in length.");
        }

        var features = new NGramKey[featureArray.GetArrayLength()];
        var seen = new HashSet<NGramKey>();
        var index = 0;
        foreach (var feature in featureArray.EnumerateArray())
        {
            var parts = feature.EnumerateArray().Select(p => p.GetInt32()).ToArray();
            if (parts.Length < 1 || parts.Length > maxNGramLength || parts.Any(p => p < 0 || p >= tokens.Length))
            {
                throw Bad($"feature {index} is not a list of 1 to {maxNGramLength} token indices in range.");
            }

            var key = new NGramKey(parts[0], parts.Length > 1 ? parts[1] : -1, parts.Length > 2 ? parts[2] : -1);
            if (!seen.Add(key))
            {
                throw Bad($"feature {index} appears twice.");
            }

            features[index++] = key;
        }

        var frequencies = frequencyArray.EnumerateArray().Select(f => f.GetInt32()).ToArray();
        if (frequencies.Any(f => f < 1 || f > documentCount))
        {
            throw Bad("a document frequency is outside [1, documentCount].");
        }

        float[]? ratios = null;
        var weighting = root.TryGetProperty("weighting", out var w) ? w.GetString() : "tfidf";
        if (weighting == "naive-bayes")
        {
            ratios = Required("naiveBayesRatios").EnumerateArray().Select(r => r.GetSingle()).ToArray();
            if (ratios.Length != features.Length || ratios.Any(r => !float.IsFinite(r) || r < 0))
            {
                throw Bad("naiveBayesRatios must hold one finite, non-negative ratio per feature.");
            }
        }
        else if (weighting != "tfidf")
        {
            throw Bad($"weighting '{weighting}' is not \"tfidf\" or \"naive-bayes\".");
        }

        return new NGramFeaturizer(tokens, features, frequencies, documentCount, maxNGramLength, sublinearTf, ratios, normalizer, tokenizer);
    }
}
