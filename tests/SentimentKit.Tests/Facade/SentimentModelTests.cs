using System.IO.Compression;
using System.Text.Json.Nodes;
using SentimentKit.Data;
using SentimentKit.Devices;

namespace SentimentKit.Tests.Facade;

public sealed class SentimentModelTests : IDisposable
{
    private static readonly string[] Probes = ["what a great film", "the plot was awful", "", "!!! ...", "the movie and the cast"];
    private readonly string _directory = Directory.CreateTempSubdirectory("sk-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string SavedCopy(ModelKind kind, string name = "model.skm")
    {
        var path = Path.Combine(_directory, name);
        TinyReviews.Shared(kind).Save(path);
        return path;
    }

    [Theory]
    [InlineData(ModelKind.BiLstm)]
    [InlineData(ModelKind.NGrams)]
    [InlineData(ModelKind.Transformer)]
    public void SaveThenLoad_GivesIdenticalProbabilitiesAndMetadata(ModelKind kind)
    {
        var original = TinyReviews.Shared(kind);
        var path = SavedCopy(kind);

        using var loaded = SentimentModel.Load(path, DevicePreference.Cpu);

        loaded.Kind.Should().Be(kind);
        loaded.Labels.Names.Should().Equal(original.Labels.Names);
        loaded.Seed.Should().Be(original.Seed);
        loaded.Temperature.Should().Be(original.Temperature);
        loaded.FeatureCount.Should().Be(original.FeatureCount);
        loaded.ValidationMetrics!.Accuracy.Should().Be(original.ValidationMetrics!.Accuracy);
        loaded.Report.Should().BeNull();
        var before = original.CreatePredictor().PredictBatch(Probes);
        var after = loaded.CreatePredictor().PredictBatch(Probes);
        after.Select(p => p.Probabilities.Values.ToArray()).Should().BeEquivalentTo(before.Select(p => p.Probabilities.Values.ToArray()), o => o.WithStrictOrdering());
    }

    [Fact]
    public void NaiveBayesBaseline_TrainsAccuratelyAndRoundTrips()
    {
        var options = TinyReviews.Options(ModelKind.NGrams);
        ((NGramModelOptions)options.Model).Features.Weighting = SentimentKit.Text.NGramWeighting.NaiveBayes;
        ((NGramModelOptions)options.Model).Features.MaxNGramLength = 3;
        using var model = new SentimentTrainer(options).Train(TinyReviews.Make(400, seed: 21));
        var path = Path.Combine(_directory, "nb.skm");
        model.Save(path);

        using var loaded = SentimentModel.Load(path, DevicePreference.Cpu);

        model.Evaluate(TinyReviews.Make(200, seed: 22)).Accuracy.Should().BeGreaterThan(0.9);
        loaded.CreatePredictor().PredictBatch(Probes).Select(p => p.Confidence).Should().Equal(model.CreatePredictor().PredictBatch(Probes).Select(p => p.Confidence));
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("ngrams.json")!.Open());
        JsonNode.Parse(reader.ReadToEnd())!["weighting"]!.GetValue<string>().Should().Be("naive-bayes");
    }

    [Fact]
    public void Save_Artifact_HoldsManifestVocabularyWeightsAndCalibration()
    {
        using var zip = ZipFile.OpenRead(SavedCopy(ModelKind.BiLstm));

        zip.Entries.Select(e => e.FullName).Should().BeEquivalentTo("digest.sha256", "manifest.json", "vocab.json", "weights.bin", "calibration.json");
        var manifest = JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!;
        manifest["format_version"]!.GetValue<int>().Should().Be(2);
        manifest["labels"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("neg", "pos");
        manifest["sha256"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("vocab.json", "weights.bin", "calibration.json");
        manifest["torch_sharp_version"]!.GetValue<string>().Should().StartWith("0.107");
        manifest["validation_metrics"]!["accuracy"]!.GetValue<double>().Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void Load_CorruptedByteAnywhere_ThrowsModelFormatException()
    {
        var path = SavedCopy(ModelKind.BiLstm);
        var original = File.ReadAllBytes(path);
        var random = new Random(1);
        for (var trial = 0; trial < 24; trial++)
        {
            var bytes = (byte[])original.Clone();
            var offset = random.Next(bytes.Length);
            bytes[offset] ^= 0x5A;
            var corrupt = Path.Combine(_directory, $"corrupt-{trial}.skm");
            File.WriteAllBytes(corrupt, bytes);

            var act = () => SentimentModel.Load(corrupt, DevicePreference.Cpu).Dispose();

            act.Should().Throw<ModelFormatException>($"byte {offset} of {bytes.Length} was flipped").WithMessage($"Model '{corrupt}' cannot be loaded: *");
        }
    }

    [Fact]
    public void Load_TruncatedAtManyOffsets_ThrowsModelFormatException()
    {
        var path = SavedCopy(ModelKind.NGrams);
        var original = File.ReadAllBytes(path);
        foreach (var fraction in new[] { 0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            var length = (int)(original.Length * fraction);
            var truncated = Path.Combine(_directory, $"truncated-{length}.skm");
            File.WriteAllBytes(truncated, original.AsSpan(0, length).ToArray());

            var act = () => SentimentModel.Load(truncated, DevicePreference.Cpu).Dispose();

            act.Should().Throw<ModelFormatException>($"the file was cut at {length} of {original.Length} bytes");
        }

        File.WriteAllBytes(Path.Combine(_directory, "last.skm"), original.AsSpan(0, original.Length - 1).ToArray());
        var last = () => SentimentModel.Load(Path.Combine(_directory, "last.skm"), DevicePreference.Cpu).Dispose();
        last.Should().Throw<ModelFormatException>();
    }

    [Fact]
    public void Load_EmptyFile_ThrowsSayingEmpty()
    {
        var path = Path.Combine(_directory, "empty.skm");
        File.WriteAllBytes(path, []);

        var act = () => SentimentModel.Load(path, DevicePreference.Cpu);

        act.Should().Throw<ModelFormatException>().WithMessage("*the file is empty.");
    }

    [Fact]
    public void Load_WrongFormatVersion_ThrowsNamingVersion()
    {
        var path = SavedCopy(ModelKind.NGrams);
        RewriteEntry(path, "manifest.json", bytes =>
        {
            var manifest = JsonNode.Parse(bytes)!;
            manifest["format_version"] = 99;
            return System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        Reseal(path);

        var act = () => SentimentModel.Load(path, DevicePreference.Cpu);

        act.Should().Throw<ModelFormatException>().WithMessage("*format version is 99; this library reads versions 1 to 3.");
    }

    [Theory]
    [InlineData(3, null, "*format version is 3 but its manifest names no task*")]
    [InlineData(2, "multi_label", "*multi-label but of format version 2*")]
    [InlineData(3, "multi_label", "*multi-label but its manifest has no multi_label section*")]
    [InlineData(3, "ranking", "*task 'ranking' is not one this library knows*")]
    public void Load_TaskThatDoesNotFitTheFile_ThrowsBeforeScoringWithTheWrongHead(int version, string? task, string message)
    {
        var path = SavedCopy(ModelKind.NGrams);
        RewriteEntry(path, "manifest.json", bytes =>
        {
            var manifest = JsonNode.Parse(bytes)!;
            manifest["format_version"] = version;
            if (task is not null)
            {
                manifest["task"] = task;
            }

            return System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        Reseal(path);

        var act = () => SentimentModel.Load(path, DevicePreference.Cpu);

        act.Should().Throw<ModelFormatException>().WithMessage(message);
    }

    [Fact]
    public void Load_SwappedVocabulary_ThrowsDigestMismatch()
    {
        var path = SavedCopy(ModelKind.BiLstm);
        var options = TinyReviews.Options(ModelKind.BiLstm, epochs: 1);
        using (var other = new SentimentTrainer(options).Train(TinyReviews.Make(50, seed: 77)))
        {
            other.Save(Path.Combine(_directory, "other.skm"));
        }

        byte[] otherVocabulary;
        using (var zip = ZipFile.OpenRead(Path.Combine(_directory, "other.skm")))
        using (var stream = zip.GetEntry("vocab.json")!.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            otherVocabulary = buffer.ToArray();
        }

        RewriteEntry(path, "vocab.json", _ => otherVocabulary);

        var act = () => SentimentModel.Load(path, DevicePreference.Cpu);

        act.Should().Throw<ModelFormatException>().WithMessage("*digest does not match*");
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        var act = () => SentimentModel.Load(Path.Combine(_directory, "nope.skm"), DevicePreference.Cpu);

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void SaveAtomically_FailingHalfway_LeavesOldFileIntactAndNoTemporaryFile()
    {
        var path = SavedCopy(ModelKind.NGrams);
        var before = File.ReadAllBytes(path);

        var act = () => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[4096]);
            throw new IOException("disk full");
        });

        act.Should().Throw<IOException>().WithMessage("disk full");
        File.ReadAllBytes(path).Should().Equal(before);
        Directory.GetFiles(_directory).Should().ContainSingle();
        using var stillLoads = SentimentModel.Load(path, DevicePreference.Cpu);
    }

    [Fact]
    public void Save_OverExistingFile_Replaces()
    {
        var path = SavedCopy(ModelKind.NGrams);
        File.WriteAllText(path, "old");

        TinyReviews.Shared(ModelKind.NGrams).Save(path);

        using var loaded = SentimentModel.Load(path, DevicePreference.Cpu);
        loaded.Kind.Should().Be(ModelKind.NGrams);
    }

    [Fact]
    public void Evaluate_UnknownLabel_ThrowsNamingLabel()
    {
        var act = () => TinyReviews.Shared(ModelKind.NGrams).Evaluate([new TextExample("fine", "meh")]);

        act.Should().Throw<ArgumentException>().WithMessage("The label 'meh' of example 0 is not one of the model's labels (neg, pos).*");
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndLaterUseThrows()
    {
        var model = SentimentModel.Load(SavedCopy(ModelKind.NGrams), DevicePreference.Cpu);

        model.Dispose();
        model.Dispose();

        var act = () => model.CreatePredictor().Predict("great");
        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Load_SwappedVocabularyWithManifestChecksumsRecomputed_ThrowsDigestMismatch()
    {
        var path = SavedCopy(ModelKind.BiLstm);
        RewriteEntry(path, "vocab.json", bytes =>
        {
            var vocabulary = JsonNode.Parse(bytes)!;
            var entries = vocabulary["entries"]!.AsArray();
            var (a, b) = (entries[2]!["token"]!.GetValue<string>(), entries[3]!["token"]!.GetValue<string>());
            entries[2]!["token"] = b;
            entries[3]!["token"] = a;
            return System.Text.Encoding.UTF8.GetBytes(vocabulary.ToJsonString());
        });
        RecomputeManifestChecksums(path);

        var act = () => SentimentModel.Load(path, DevicePreference.Cpu);

        act.Should().Throw<ModelFormatException>().WithMessage("*digest does not match its entries*");
    }

    [Fact]
    public void Load_ManifestLabelsReversedWithChecksumsRecomputed_ThrowsDigestMismatch()
    {
        var path = SavedCopy(ModelKind.NGrams);
        RewriteEntry(path, "manifest.json", bytes =>
        {
            var manifest = JsonNode.Parse(bytes)!;
            manifest["labels"] = new JsonArray("pos", "neg");
            return System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });

        var act = () => SentimentModel.Load(path, DevicePreference.Cpu);

        act.Should().Throw<ModelFormatException>().WithMessage("*digest does not match its entries*");
    }

    [Fact]
    public void Load_AnotherModelsCalibrationEvenResealed_ThrowsNamingTheSwap()
    {
        var path = SavedCopy(ModelKind.BiLstm);
        var otherPath = Path.Combine(_directory, "other.skm");
        using (var other = new SentimentTrainer(TinyReviews.Options(ModelKind.BiLstm, epochs: 1)).Train(TinyReviews.Make(400, seed: 78)))
        {
            other.Calibration.Should().NotBeNull();
            other.Save(otherPath);
        }

        var calibration = ReadEntry(otherPath, "calibration.json");
        RewriteEntry(path, "calibration.json", _ => calibration);
        Reseal(path);

        var act = () => SentimentModel.Load(path, DevicePreference.Cpu);

        act.Should().Throw<ModelFormatException>().WithMessage("*calibration.json was fitted for other weights*");
    }

    [Fact]
    public void Load_FormatTwoWithoutDigest_Throws()
    {
        var path = SavedCopy(ModelKind.NGrams);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("digest.sha256")!.Delete();
        }

        var act = () => SentimentModel.Load(path, DevicePreference.Cpu);

        act.Should().Throw<ModelFormatException>().WithMessage("*has no digest.sha256*");
    }

    // What a tool that knows the format would do after editing: recompute every checksum of the manifest and the digest.
    private static void Reseal(string path)
    {
        RecomputeManifestChecksums(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entries = zip.Entries.Where(e => e.FullName != "digest.sha256").Select(e => (e.FullName, ReadAll(e))).ToArray();
        zip.GetEntry("digest.sha256")?.Delete();
        using var target = zip.CreateEntry("digest.sha256").Open();
        target.Write(System.Text.Encoding.ASCII.GetBytes(SentimentKit.Artifacts.ArtifactDigest.Compute(entries) + "\n"));
    }

    private static void RecomputeManifestChecksums(string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var manifest = JsonNode.Parse(ReadAll(zip.GetEntry("manifest.json")!))!;
        var sha = manifest["sha256"]!.AsObject();
        foreach (var name in sha.Select(p => p.Key).ToArray())
        {
            sha[name] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ReadAll(zip.GetEntry(name)!)));
        }

        zip.GetEntry("manifest.json")!.Delete();
        using var target = zip.CreateEntry("manifest.json").Open();
        target.Write(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }

    private static byte[] ReadEntry(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        return ReadAll(zip.GetEntry(name)!);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void RewriteEntry(string path, string name, Func<byte[], byte[]> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry(name)!;
        byte[] bytes;
        using (var stream = entry.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }

        entry.Delete();
        using var target = zip.CreateEntry(name).Open();
        target.Write(change(bytes));
    }
}
