using System.Globalization;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Training;

/// <summary>
/// One epoch's checkpoint: everything a resumed run needs to continue as if never stopped —
/// weights, optimizer state, schedule state, the CPU random generator, the best weights so far and
/// the history. Written to a temporary file beside the target and renamed, so a crash leaves
/// either the old file or the new one, never half of one.
/// </summary>
internal static class Checkpoint
{
    private const string FilePrefix = "epoch-";
    private const string FileSuffix = ".ckpt";
    private static readonly byte[] Magic = "SKCKPT01"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string PathFor(string directory, int epoch) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{FilePrefix}{epoch:D4}{FileSuffix}"));

    /// <summary>Finds the checkpoint of the latest epoch in a folder, if any.</summary>
    public static string? FindLatest(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        return Directory.EnumerateFiles(directory, FilePrefix + "*" + FileSuffix)
            .Select(path => (Path: path, Epoch: EpochOf(path)))
            .Where(c => c.Epoch > 0)
            .OrderByDescending(c => c.Epoch)
            .Select(c => c.Path)
            .FirstOrDefault();
    }

    public static void Save(string path, CheckpointState state, nn.Module module, optim.Optimizer optimizer, IReadOnlyDictionary<string, Tensor>? bestWeights)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            var json = JsonSerializer.SerializeToUtf8Bytes(state with { HasBestWeights = bestWeights is not null }, Json);
            writer.Write(json.Length);
            writer.Write(json);
            module.save(writer);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
            using (var rng = torch.get_rng_state())
            {
                var bytes = rng.data<byte>().ToArray();
                writer.Write(bytes.Length);
                writer.Write(bytes);
            }

            if (bestWeights is not null)
            {
                writer.Write(bestWeights.Count);
                foreach (var (name, tensor) in bestWeights.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.Write(name);
                    tensor.Save(writer);
                }
            }

            writer.Flush();
        });
    }

    /// <summary>Loads a checkpoint into the module and optimizer; returns its state and best weights (on the CPU).</summary>
    public static (CheckpointState State, Dictionary<string, Tensor>? BestWeights) Load(string path, nn.Module module, optim.Optimizer optimizer, string fingerprint)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new CheckpointException($"Checkpoint '{path}' is not a SentimentKit checkpoint (bad header).");
            }

            var length = reader.ReadInt32();
            if (length <= 0 || length > stream.Length - stream.Position)
            {
                throw new CheckpointException($"Checkpoint '{path}' is truncated or corrupt (metadata length {length}).");
            }

            var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadBytes(length), Json)
                ?? throw new CheckpointException($"Checkpoint '{path}' has empty metadata.");
            if (state.Fingerprint != fingerprint)
            {
                throw new CheckpointException($"Checkpoint '{path}' was written for a different model (its parameters' names or shapes differ); use another CheckpointDirectory or the same model options.");
            }

            module.load(reader, strict: true);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
            var rngLength = reader.ReadInt32();
            var rngBytes = reader.ReadBytes(Math.Max(0, rngLength));
            using (var current = torch.get_rng_state())
            {
                // libtorch aborts the process on a generator state of the wrong size instead of throwing.
                if (rngLength != current.NumberOfElements || rngBytes.Length != rngLength)
                {
                    throw new CheckpointException(string.Create(CultureInfo.InvariantCulture, $"Checkpoint '{path}' is truncated or corrupt (random generator state of {rngBytes.Length} bytes, expected {current.NumberOfElements})."));
                }
            }

            using (var rng = torch.tensor(rngBytes, dtype: ScalarType.Byte))
            {
                torch.set_rng_state(rng);
            }

            Dictionary<string, Tensor>? best = null;
            if (state.HasBestWeights)
            {
                best = [];
                var current = module.state_dict();
                var count = reader.ReadInt32();
                for (var i = 0; i < count; i++)
                {
                    var name = reader.ReadString();
                    if (!current.TryGetValue(name, out var like))
                    {
                        throw new CheckpointException($"Checkpoint '{path}' holds best weights for unknown parameter '{name}'.");
                    }

                    var tensor = like.detach().cpu().clone().DetachFromDisposeScope();
                    tensor.Load(reader);
                    best[name] = tensor;
                }
            }

            return (state, best);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or ArgumentException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
        {
            throw new CheckpointException($"Checkpoint '{path}' is truncated or corrupt: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> epoch checkpoints.</summary>
    public static void Prune(string directory, int keep)
    {
        foreach (var old in Directory.EnumerateFiles(directory, FilePrefix + "*" + FileSuffix)
                     .Select(path => (Path: path, Epoch: EpochOf(path)))
                     .Where(c => c.Epoch > 0)
                     .OrderByDescending(c => c.Epoch)
                     .Skip(keep))
        {
            File.Delete(old.Path);
        }
    }

    /// <summary>Names and shapes of every parameter and buffer: a checkpoint only fits a model with the same.</summary>
    public static string Fingerprint(nn.Module module) =>
        string.Join(';', module.state_dict().OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}:{string.Join('x', p.Value.shape)}:{p.Value.dtype}"));

    private static int EpochOf(string path)
    {
        var name = Path.GetFileName(path);
        return int.TryParse(name.AsSpan(FilePrefix.Length, name.Length - FilePrefix.Length - FileSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? epoch
            : 0;
    }
}
