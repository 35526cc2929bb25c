using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace SentimentKit.Hosting.Tests;

/// <summary>
/// A runtime whose "model files" are small JSON scripts — labels, whether it explains, whether calls block until
/// released — so that reload and limit tests control exactly when a call is inside a model. Anything that is not
/// such a script is a corrupt model.
/// </summary>
internal sealed class FakeLoader : ISentimentPredictorLoader
{
    private readonly ConcurrentQueue<FakePredictor> _loaded = new();

    public string Runtime => "fake";

    /// <summary>Gets every predictor loaded so far, in load order.</summary>
    public IReadOnlyList<FakePredictor> Loaded => [.. _loaded];

    public static void Write(string path, string[] labels, bool explains = true, bool blocks = false)
    {
        // Written as Save writes a model: a temporary file renamed over the target.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Script(labels, explains, blocks)));
        File.Move(temporary, path, overwrite: true);
    }

    public ISentimentPredictor Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model '{path}' does not exist.", path);
        }

        var bytes = File.ReadAllBytes(path);
        Script? script;
        try
        {
            script = JsonSerializer.Deserialize<Script>(bytes);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, "it is not a fake model script.", e);
        }

        if (script?.Labels is not { Length: >= 2 })
        {
            throw new ModelFormatException(path, "it names fewer than two labels.", null);
        }

        var info = new ModelInfo
        {
            Kind = ModelKind.NGrams,
            Labels = script.Labels,
            CreatedUtc = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            LibraryVersion = "0.0.0-fake",
            Seed = 1,
            Temperature = 1,
            Path = path,
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Runtime = Runtime,
        };
        var predictor = new FakePredictor(info, script.Explains, script.Blocks);
        _loaded.Enqueue(predictor);
        return predictor;
    }

    private sealed record Script(string[] Labels, bool Explains, bool Blocks);
}
