using System.Text.Json;

namespace SentimentKit.Text;

/// <summary>JSON reading shared by the text layer's saved formats.</summary>
internal static class TextJson
{
    /// <summary>Parses a JSON document, turning a syntax error into a <see cref="TextFormatException"/> naming the source and line.</summary>
    public static JsonDocument Parse(Stream stream, string sourceName)
    {
        try
        {
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new TextFormatException(sourceName, (int?)(e.LineNumber + 1), "invalid JSON: " + e.Message, e);
        }
    }
}
