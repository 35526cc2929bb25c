using System.Text.Json;
using SentimentKit.Artifacts;
using SentimentKit.Devices;
using SentimentKit.Evaluation;
using SentimentKit.Families;

namespace SentimentKit;

/// <summary>
/// Saves and loads the <c>.skm</c> file of a <see cref="SentimentModel"/>: the core reads and verifies the zip (see
/// <see cref="ModelArtifactReader"/>), the model's family writes and reads its own entries and manifest section.
/// </summary>
internal static class ModelArtifact
{
    /// <summary>Writes the artifact to a temporary file beside <paramref name="path"/>, then renames it over the target.</summary>
    public static void Save(string path, ModelManifest manifest, ModelPipeline pipeline, TemperatureScaling? calibration)
    {
        var (described, entries) = Compose(manifest, pipeline, calibration);
        ModelArtifactWriter.Write(path, described, entries);
    }

    /// <summary>
    /// What a model's file holds besides the digest: the manifest with the family's section, and every entry (the
    /// calibration bound to the weights). An ensemble stores each member's composition under its prefix.
    /// </summary>
    public static (ModelManifest Manifest, List<(string Name, byte[] Bytes)> Entries) Compose(ModelManifest manifest, ModelPipeline pipeline, TemperatureScaling? calibration)
    {
        var entries = pipeline.EntryBytes();

        if (calibration is not null)
        {
            var weights = entries.First(e => e.Name == ArtifactEntries.Weights).Bytes;
            entries.Add((ArtifactEntries.Calibration, ArtifactContents.SerializeCalibration(calibration, weights)));
        }

        return (pipeline.Describe(manifest), entries);
    }

    /// <summary>Reads and verifies an artifact, then builds its pipeline on <paramref name="device"/>; fails whole or succeeds whole.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is not a valid model, or its parts do not fit together.</exception>
    public static (ArtifactContents Contents, ModelPipeline Pipeline, TemperatureScaling? Calibration) Load(string path, ComputeDevice device) =>
        Load(ModelArtifactReader.Read(path), device);

    /// <summary>Builds the pipeline of verified contents (a file's, or an ensemble member's); fails whole or succeeds whole.</summary>
    /// <exception cref="ModelFormatException">The parts do not fit together.</exception>
    public static (ArtifactContents Contents, ModelPipeline Pipeline, TemperatureScaling? Calibration) Load(ArtifactContents contents, ComputeDevice device)
    {
        if (!ModelKindNames.TryParse(contents.Manifest.Kind, out var kind))
        {
            throw contents.Error($"its model kind '{contents.Manifest.Kind}' is not one this library knows.");
        }

        ModelPipeline? pipeline = null;
        try
        {
            pipeline = ModelFamilies.For(kind).Load(contents, kind, device);
            return (contents, pipeline, contents.Calibration());
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
                throw contents.Error(e.Message.Split('\n')[0], e);
            }

            throw;
        }
    }
}
