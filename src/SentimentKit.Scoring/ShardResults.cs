using System.Globalization;
using System.Text.Json;

namespace SentimentKit.Scoring;

/// <summary>
/// The results of a shard, one JSON object per record and line (file, record, line, id when asked for, label,
/// confidence, probabilities), and the checks and combining of shard files. The bytes depend only on the records and
/// their predictions, so that scoring a shard twice gives the same file.
/// </summary>
internal static class ShardResults
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    public static void Write(Stream stream, string file, IReadOnlyList<ScoringRecord> records, IReadOnlyList<SentimentPrediction> predictions)
    {
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var prediction = predictions[i];
            writer.WriteStartObject();
            writer.WriteString("file", file);
            writer.WriteNumber("record", record.Record);
            writer.WriteNumber("line", record.Line);
            if (record.Id is not null)
            {
                writer.WriteString("id", record.Id);
            }

            writer.WriteString("label", prediction.Label);
            if (prediction.Labels is { } labels)
            {
                // A multi-label model's predicted set; "label" holds it joined with '|'.
                writer.WriteStartArray("labels");
                foreach (var label in labels)
                {
                    writer.WriteStringValue(label);
                }

                writer.WriteEndArray();
            }

            writer.WriteNumber("confidence", prediction.Confidence);
            writer.WriteStartObject("probabilities");
            foreach (var (label, probability) in prediction.Probabilities)
            {
                writer.WriteNumber(label, probability);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset();
        }

        writer.Flush();
    }

    /// <summary>Whether a shard's output exists whole: one complete line per record (files are only ever renamed into place whole).</summary>
    public static bool IsComplete(string path, int recordCount)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.Length > 0 && bytes[^1] == (byte)'\n' && bytes.AsSpan().Count((byte)'\n') == recordCount;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Concatenates the shard files in shard order into <paramref name="output"/> and counts the labels.</summary>
    public static SortedDictionary<string, long> Combine(IReadOnlyList<ShardDescriptor> shards, string shardsFolder, Stream output, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(shardsFolder, shard.OutputName);
            var bytes = File.ReadAllBytes(path);
            var lines = 0;
            foreach (var range in bytes.AsSpan().Split((byte)'\n'))
            {
                var line = bytes.AsSpan(range);
                if (line.IsEmpty)
                {
                    continue;
                }

                lines++;
                var label = LabelOf(line) ?? throw new ScoringJobException($"{path} line {lines} has no label: the file was changed after it was written.");
                counts[label] = counts.GetValueOrDefault(label) + 1;
            }

            if (lines != shard.RecordCount)
            {
                throw new ScoringJobException(string.Create(CultureInfo.InvariantCulture, $"{path} holds {lines} results where {shard} has {shard.RecordCount} records."));
            }

            output.Write(bytes);
        }

        return counts;
    }

    private static string? LabelOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    depth++;
                    break;
                case JsonTokenType.EndObject:
                    depth--;
                    break;
                case JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals("label"u8):
                    reader.Read();
                    return reader.GetString();
            }
        }

        return null;
    }
}
