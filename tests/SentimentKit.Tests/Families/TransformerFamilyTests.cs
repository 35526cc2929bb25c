using System.IO.Compression;
using System.Text.Json.Nodes;
using SentimentKit.Data;
using SentimentKit.Devices;
using SentimentKit.Families.Transformer;
using SentimentKit.Modeling;
using SentimentKit.Tests.Facade;
using TorchSharp;

namespace SentimentKit.Tests.Families;

public sealed class TransformerFamilyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Train_TinyEncoder_LearnsTheCueWords()
    {
        var model = TinyReviews.Shared(ModelKind.Transformer);

        model.Kind.Should().Be(ModelKind.Transformer);
        model.FeatureCount.Should().Be(TinyTransformer.Tokens.Count);
        model.Evaluate(TinyReviews.Make(200, seed: 2)).Accuracy.Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void Save_EncoderFilesGone_LoadsFromTheOneFileWithIdenticalOutputs()
    {
        var folder = Directory.CreateDirectory(_temp.File("encoder")).FullName;
        var (onnx, vocab) = TinyTransformer.CopyTo(folder);
        var options = TinyReviews.Options(ModelKind.Transformer, epochs: 2);
        var transformer = (TransformerModelOptions)options.Model;
        (transformer.EncoderPath, transformer.VocabularyPath) = (onnx, vocab);
        using var model = new SentimentTrainer(options).Train(TinyReviews.Make(200, seed: 4));
        var path = _temp.File("transformer.skm");
        model.Save(path);
        Directory.Delete(folder, recursive: true);

        using var loaded = SentimentModel.Load(path, DevicePreference.Cpu);

        string[] probes = ["what a wonderful film", "the plot was awful", "", "WONDERFUL!", "the movie and the cast and the music"];
        loaded.Kind.Should().Be(ModelKind.Transformer);
        loaded.CreatePredictor().PredictBatch(probes).Select(p => p.Probabilities.Values.ToArray())
            .Should().BeEquivalentTo(model.CreatePredictor().PredictBatch(probes).Select(p => p.Probabilities.Values.ToArray()), o => o.WithStrictOrdering());
        using var zip = ZipFile.OpenRead(path);
        zip.Entries.Select(e => e.FullName).Should().Contain(["vocab.txt", "weights.bin", "manifest.json"]);
        using var reader = new StreamReader(zip.GetEntry("vocab.txt")!.Open());
        reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(TinyTransformer.Tokens);
        using var manifest = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var json = JsonNode.Parse(manifest.ReadToEnd())!;
        json["model_kind"]!.GetValue<string>().Should().Be("transformer");
        json["tokenizer"]!.GetValue<string>().Should().Be("wordpiece");
        json["transformer"]!["max_tokens"]!.GetValue<int>().Should().Be(32);
    }

    [Fact]
    public void Predict_TextPaddedInABatch_ScoresAsAlone()
    {
        var predictor = TinyReviews.Shared(ModelKind.Transformer).CreatePredictor();
        string[] texts = ["great", "the movie was boring and the plot was a waste of the cast and the music", "a wonderful story"];

        var batch = predictor.PredictBatch(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            predictor.Predict(texts[i]).Confidence.Should().BeApproximately(batch[i].Confidence, 1e-5);
        }
    }

    [Fact]
    public void Explain_WordSplitIntoPieces_GivesOneAttributionPerWord()
    {
        var predictor = TinyReviews.Shared(ModelKind.Transformer).CreatePredictor();

        var explanation = predictor.Explain("The movie was Wonderful.");

        explanation.Tokens.Select(t => t.Token).Should().Equal("The", "movie", "was", "Wonderful", ".");
        explanation.Tokens.Should().OnlyContain(t => double.IsFinite(t.Attribution));
        explanation.Tokens[3].Attribution.Should().NotBe(0);
        explanation.Prediction.Label.Should().Be("pos");
    }

    [Fact]
    public void Encode_UncasedVocabulary_LowerCasesAndStripsAccents()
    {
        var pipeline = (TransformerPipeline)TinyReviews.Shared(ModelKind.Transformer).Pipeline;

        pipeline.Section.LowerCase.Should().BeTrue();
        pipeline.Encode("WONDÉRFUL Movie").Should().Equal(pipeline.Encode("wonderful movie"));
        pipeline.Encode("wonderful").Should().HaveCount(4, "[CLS] wonder ##ful [SEP]");
    }

    [Fact]
    public void Train_LongText_KeepsHeadAndTailWithinMaxTokens()
    {
        var pipeline = (TransformerPipeline)TinyReviews.Shared(ModelKind.Transformer).Pipeline;
        var text = "great " + string.Join(' ', Enumerable.Repeat("the movie", 40)) + " awful";

        var ids = pipeline.Encode(text);

        ids.Should().HaveCount(32);
        var vocabulary = pipeline.Text.Vocabulary;
        vocabulary[ids[1]].Should().Be("great");
        vocabulary[ids[^2]].Should().Be("awful");
    }

    [Fact]
    public void Train_EncoderLearningRateZero_LeavesTheEncoderAsImportedAndTrainsTheHead()
    {
        var options = TinyReviews.Options(ModelKind.Transformer, epochs: 1);
        ((TransformerModelOptions)options.Model).EncoderLearningRate = 0;
        using var model = new SentimentTrainer(options).Train(TinyReviews.Make(100, seed: 6));
        var module = ((TransformerPipeline)model.Pipeline).Module;
        torch.manual_seed(options.Trainer.Seed);
        using var imported = BertOnnxImport.Read(TinyTransformer.EncoderPath, TinyTransformer.VocabularyPath).CreateClassifier();

        foreach (var (name, parameter) in module.named_parameters())
        {
            var start = imported.get_parameter(name)!;
            var changed = !parameter.cpu().allclose(start, rtol: 0, atol: 0);
            changed.Should().Be(!name.StartsWith(TransformerClassifier.EncoderPrefix, StringComparison.Ordinal), name);
        }
    }

    [Fact]
    public void Validate_MissingEncoderFiles_ReportsBoth()
    {
        var act = () => new TransformerModelOptions().Validate();

        act.Should().Throw<InvalidOptionsException>().Which.Message.Should().Contain("EncoderPath").And.Contain("VocabularyPath");
    }

    [Fact]
    public void Train_MaxTokensBeyondTheEncodersPositions_ThrowsInvalidOptions()
    {
        var options = TinyReviews.Options(ModelKind.Transformer, epochs: 1);
        ((TransformerModelOptions)options.Model).MaxTokens = 65;

        var act = () => new SentimentTrainer(options).Train(TinyReviews.Make(40, seed: 1));

        act.Should().Throw<InvalidOptionsException>().WithMessage("*65*64 positions*");
    }

    [Fact]
    public void Train_NotAnOnnxFile_ThrowsPretrainedModelExceptionNamingIt()
    {
        var options = TinyReviews.Options(ModelKind.Transformer, epochs: 1);
        var bad = _temp.File("bad.onnx");
        File.WriteAllText(bad, "not a model");
        ((TransformerModelOptions)options.Model).EncoderPath = bad;

        var act = () => new SentimentTrainer(options).Train(TinyReviews.Make(40, seed: 1));

        act.Should().Throw<PretrainedModelException>().WithMessage("*bad.onnx*");
    }

    [SkippableFact]
    public void Train_MiniLm_FineTunesSavesAndLoads()
    {
        Skip.If(MiniLmFiles.ModelPath is null, MiniLmFiles.SkipReason);
        var options = SentimentTrainerOptions.Recommended(ModelKind.Transformer);
        options.Model = TransformerModelOptions.Recommended(MiniLmFiles.ModelPath, MiniLmFiles.VocabularyPath);
        ((TransformerModelOptions)options.Model).MaxTokens = 24;
        options.Device = DevicePreference.Cpu;
        options.Trainer.Epochs = 1;
        options.Trainer.ValidationFraction = 0;
        using var model = new SentimentTrainer(options).Train(TinyReviews.Make(48, seed: 8));
        var path = _temp.File("minilm.skm");
        model.Save(path);

        using var loaded = SentimentModel.Load(path, DevicePreference.Cpu);

        string[] probes = ["a clichéd, boring film", "simply wonderful"];
        loaded.CreatePredictor().PredictBatch(probes).Select(p => p.Confidence).Should().Equal(model.CreatePredictor().PredictBatch(probes).Select(p => p.Confidence));
        var explanation = loaded.CreatePredictor().Explain("a clichéd, boring film");
        explanation.Tokens.Select(t => t.Token).Should().Equal("a", "clichéd", ",", "boring", "film");
    }
}
