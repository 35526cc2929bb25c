using System.Globalization;
using SentimentKit.Devices;
using SentimentKit.Families.Transformer;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Tests.Facade;
using SentimentKit.Text;
using SentimentKit.Training;
using TorchSharp;

namespace SentimentKit.Tests.Onnx;

/// <summary>The transformer kind in the libtorch-free runtime: the tiny random encoder of <see cref="TinyTransformer"/>, never MiniLM.</summary>
public sealed partial class OnnxRuntimeParityTests
{
    private const int TransformerMaxTokens = 24;

    /// <summary>Texts the WordPiece side must treat alike in both runtimes: accents, capitals, split words, unknown words, punctuation, over the token budget.</summary>
    private static readonly string[] TransformerTexts =
    [
        "great", "", "The film was WONDERFUL!", "Wondérful, wonderful… wonderfully clichéd", "ÀWFUL plot; the actors were Loved.",
        "unseen zebra words ¿¡", "great " + string.Join(' ', Enumerable.Repeat("the story was a plot", 12)) + " but awful",
        string.Join(' ', Enumerable.Repeat("Boring", 40)), "  \t spaces\nand lines  ",
    ];

    public static TheoryData<TransformerPooling, bool> TransformerConfigurations() => new()
    {
        { TransformerPooling.Mean, true },
        { TransformerPooling.Cls, true },
        { TransformerPooling.Mean, false },
    };

    [Theory]
    [MemberData(nameof(TransformerConfigurations))]
    public void TransformerModel_PoolingAndCasing_OnnxRuntimePredictsAsTorchSharp(TransformerPooling pooling, bool lowerCase)
    {
        // The uncased mean-pooled model is calibrated, so that the temperature inside the graph is checked too.
        using var model = TransformerModel(pooling, lowerCase, temperature: pooling == TransformerPooling.Mean && lowerCase ? 1.8 : null, seed: 60 + (int)pooling);

        var difference = CompareEverySource(model, $"transformer-{pooling}-{lowerCase}", TransformerBatches());

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"transformer {pooling} lower-case={lowerCase}: max |Δp| {difference:E2}"));
        difference.Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Fact]
    public void TransformerModel_Trained_OnnxRuntimePredictsAsTorchSharp()
    {
        var model = TinyReviews.Shared(ModelKind.Transformer);

        var difference = CompareEverySource(model, "transformer-trained", [[.. TinyReviews.Make(40, seed: 9).Select(e => e.Text)], TransformerTexts]);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained transformer: max |Δp| {difference:E2}"));
        difference.Should().BeLessThanOrEqualTo(Tolerance);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TransformerModel_OnnxRuntimeTextSide_EncodesAsTheFamily(bool lowerCase)
    {
        using var model = TransformerModel(TransformerPooling.Mean, lowerCase, temperature: null, seed: 70);
        var pipeline = (TransformerPipeline)model.Pipeline;
        var skm = Path.Combine(_folder, "text.skm");
        var onnx = Path.Combine(_folder, "text.onnx");
        model.Save(skm);
        model.ExportOnnx(onnx);

        foreach (var path in new[] { skm, onnx })
        {
            using var predictor = OnnxSentimentPredictor.Load(path);
            var scorer = (SequenceSessionScorer)predictor.Scorer;
            foreach (var text in TransformerTexts)
            {
                scorer.Prepare(text).Should().Equal(pipeline.Encode(text), $"'{text}' from {Path.GetExtension(path)}");
            }

            // Explanations need gradients: refused with the typed error, as for the recurrent models.
            predictor.CanExplain.Should().BeFalse();
            predictor.Invoking(p => p.Explain("great")).Should().Throw<NotSupportedException>().WithMessage("*transformer*TorchSharp runtime*");
        }

        // What the cases are there for: casing, accents and the head-and-tail cut all change the ids.
        var ids = pipeline.Encode(TransformerTexts[6]);
        ids.Should().HaveCount(TransformerMaxTokens);
        pipeline.Text.Vocabulary[ids[1]].Should().Be("great");
        pipeline.Text.Vocabulary[ids[^2]].Should().Be("awful");
        (pipeline.Encode("WONDÉRFUL")[1] == pipeline.Encode("wonderful")[1]).Should().Be(lowerCase);
    }

    [Fact]
    public void ExportOnnx_Transformer_MetadataHoldsTheWordPieceSide()
    {
        using var model = TransformerModel(TransformerPooling.Cls, lowerCase: true, temperature: 2.5, seed: 71);
        using var stream = new MemoryStream();
        model.ExportOnnx(stream);

        var onnx = OnnxModel.Read(stream.ToArray());

        onnx.Metadata[OnnxMetadata.Kind].Should().Be("transformer");
        onnx.Metadata[OnnxMetadata.ModelKind].Should().Be("transformer");
        onnx.Metadata[OnnxMetadata.Tokenizer].Should().Be("wordpiece");
        onnx.Metadata[OnnxMetadata.Temperature].Should().Be("2.5");
        onnx.Metadata[OnnxMetadata.MaxTokens].Should().Be("24");
        onnx.Metadata[OnnxMetadata.TruncationHeadShare].Should().Be("0.25");
        onnx.Metadata[OnnxMetadata.LowerCase].Should().Be("true");
        onnx.Metadata[OnnxMetadata.PadId].Should().Be("0");
        onnx.Metadata[OnnxMetadata.UnkId].Should().Be("1");
        onnx.Metadata[OnnxMetadata.WordPieceVocabulary].Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(TinyTransformer.Tokens);
        onnx.Graph.Inputs.Select(i => i.Name).Should().Equal("ids", "lengths");
    }

    public static TheoryData<string, string?, string> DamagedTransformerMetadata() => new()
    {
        { OnnxMetadata.WordPieceVocabulary, null, "no metadata sentimentkit.wordpiece_vocabulary" },
        { OnnxMetadata.WordPieceVocabulary, "[PAD]\n[UNK]\n", "sentimentkit.wordpiece_vocabulary" },
        { OnnxMetadata.LowerCase, "maybe", "sentimentkit.lower_case must be 'true' or 'false'" },
        { OnnxMetadata.LowerCase, null, "no metadata sentimentkit.lower_case" },
        { OnnxMetadata.MaxTokens, "65", "sentimentkit.max_tokens (65) must be in [2, 64]" },
        { OnnxMetadata.TruncationHeadShare, "1.5", "sentimentkit.truncation_head_share must be in [0, 1]" },
        { OnnxMetadata.PadId, "3", "do not match the vocabulary's [PAD] (0)" },
        { OnnxMetadata.Tokenizer, "word", "tokenizer 'word'" },
        { OnnxMetadata.Kind, "rnn", "metadata sentimentkit.kind is 'rnn' but the model kind is transformer" },
    };

    [Theory]
    [MemberData(nameof(DamagedTransformerMetadata))]
    public void Load_TransformerOnnxWithDamagedMetadata_ModelFormatExceptionWithOneLineReason(string key, string? value, string reason)
    {
        var good = Path.Combine(_folder, "good-transformer.onnx");
        if (!File.Exists(good))
        {
            using var model = TransformerModel(TransformerPooling.Mean, lowerCase: true, temperature: null, seed: 72);
            model.ExportOnnx(good);
        }

        var onnx = OnnxModel.Read(File.ReadAllBytes(good));
        if (value is null)
        {
            onnx.Metadata.Remove(key);
        }
        else
        {
            onnx.Metadata[key] = value;
        }

        var path = Write("damaged-transformer.onnx", onnx.ToByteArray());

        var load = () => new OnnxPredictorLoader().Load(path);

        var error = load.Should().Throw<ModelFormatException>().Which;
        error.Message.Should().Contain(reason).And.NotContain("\n");
        error.Path.Should().Be(path);
    }

    public static TheoryData<string, string> DamagedTransformerSections() => new()
    {
        { "tokenizer word", "tokenizer 'word'; this library knows 'wordpiece'" },
        { "max tokens 65", "token budget (65, head share 0.25) does not fit the encoder's 64 positions" },
        { "head share 2", "token budget (24, head share 2)" },
        { "4 classes", "the model has 4 classes but the manifest lists 3 labels" },
        { "heads 5", "AttentionHeads (5) must divide HiddenSize (16)" },
        { "vocabulary of 1e8 tokens", "the transformer sizes in the manifest are out of range or larger than weights.bin" },
        { "pad id 2", "vocab.txt has " },
        { "no section", "the manifest has no transformer options" },
    };

    [Theory]
    [MemberData(nameof(DamagedTransformerSections))]
    public void ReadSection_DamagedManifest_ModelFormatExceptionNamingTheProblem(string damage, string reason)
    {
        // The checks both runtimes load a transformer .skm through (the TorchSharp family and OnnxModelLoader).
        var path = Path.Combine(_folder, "section.skm");
        using (var model = TransformerModel(TransformerPooling.Mean, lowerCase: true, temperature: null, seed: 73))
        {
            model.Save(path);
        }

        var contents = SentimentKit.Artifacts.ModelArtifactReader.Read(path);
        var manifest = contents.Manifest;
        var section = manifest.Section<TransformerManifestSection>(TransformerManifestSection.Name)!;
        manifest = damage switch
        {
            "tokenizer word" => manifest with { Tokenizer = "word" },
            "max tokens 65" => manifest.WithSection(TransformerManifestSection.Name, section with { MaxTokens = 65 }),
            "head share 2" => manifest.WithSection(TransformerManifestSection.Name, section with { TruncationHeadShare = 2 }),
            "4 classes" => manifest.WithSection(TransformerManifestSection.Name, section with { Network = section.Network with { ClassCount = 4 } }),
            "heads 5" => manifest.WithSection(TransformerManifestSection.Name, section with { Network = section.Network with { AttentionHeads = 5 } }),
            "vocabulary of 1e8 tokens" => manifest.WithSection(TransformerManifestSection.Name, section with { Network = section.Network with { VocabularySize = 100_000_000 } }),
            "pad id 2" => manifest.WithSection(TransformerManifestSection.Name, section with { Network = section.Network with { PadId = 2 } }),
            _ => manifest with { Sections = null },
        };

        var read = () => TransformerManifestSection.Read(new SentimentKit.Artifacts.ArtifactContents(path, manifest, contents.Entries, contents.FileSha256));

        read.Should().Throw<ModelFormatException>().WithMessage($"*{reason}*").Which.Message.Should().NotContain("\n");
    }

    /// <summary>
    /// A transformer over the tiny encoder with every weight redrawn at unit scale (so that the classes are far apart and
    /// labels cannot tie), as the family builds one: its section, its text side, its pipeline.
    /// </summary>
    private static SentimentModel TransformerModel(TransformerPooling pooling, bool lowerCase, double? temperature, int seed)
    {
        torch.manual_seed(seed);
        var pretrained = BertOnnxImport.Read(TinyTransformer.EncoderPath, TinyTransformer.VocabularyPath);
        var network = pretrained.CreateOptions(Labels.Length);
        network.Pooling = pooling;
        var module = pretrained.CreateClassifier(network);
        TorchFixtures.Randomize(module);
        var section = new TransformerManifestSection
        {
            Network = TransformerNetworks.ToSection(network),
            LowerCase = lowerCase,
            MaxTokens = TransformerMaxTokens,
            TruncationHeadShare = 0.25,
            Encoder = "model.onnx",
        };
        var text = section.CreateText(new TextNormalizerOptions(), pretrained.Vocabulary);
        var runner = new ClassifierRunner<int[]>(module, TorchBackend.Resolve(DevicePreference.Cpu), IntegratedGradients.Instance);
        return Model(new TransformerPipeline(text, section, runner), ModelKind.Transformer, temperature);
    }

    /// <summary>The texts alone, one by one in a batch of mixed lengths, and with the generic batches.</summary>
    private static List<string[]> TransformerBatches() => [["great"], [TransformerTexts[6]], TransformerTexts, .. Batches()];
}
