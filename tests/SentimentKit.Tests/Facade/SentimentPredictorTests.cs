using SentimentKit.Devices;
using TorchSharp;

namespace SentimentKit.Tests.Facade;

public class SentimentPredictorTests
{
    private static readonly string[] Texts =
    [
        "what a great film", "the plot was awful", "loved the music and the cast", "a boring waste of a story",
        "", "   ", "?!", "the movie", "brilliant ending", "horrible actors and dreadful scenes",
    ];

    [Theory]
    [InlineData(ModelKind.BiLstm)]
    [InlineData(ModelKind.NGrams)]
    [InlineData(ModelKind.Transformer)]
    public void PredictBatch_AgreesWithSinglePredictions(ModelKind kind)
    {
        var predictor = TinyReviews.Shared(kind).CreatePredictor();

        var batch = predictor.PredictBatch(Texts);

        batch.Should().HaveCount(Texts.Length);
        for (var i = 0; i < Texts.Length; i++)
        {
            var single = predictor.Predict(Texts[i]);
            single.Label.Should().Be(batch[i].Label);
            single.Confidence.Should().BeApproximately(batch[i].Confidence, 1e-5);
        }
    }

    [Theory]
    [InlineData(ModelKind.BiLstm)]
    [InlineData(ModelKind.NGrams)]
    public async Task Predict_ConcurrentCalls_EqualSequentialResults(ModelKind kind)
    {
        var predictor = TinyReviews.Shared(kind).CreatePredictor();
        var inputs = Enumerable.Range(0, 200).Select(i => Texts[i % Texts.Length] + (i % 3 == 0 ? " great" : string.Empty)).ToArray();
        var sequential = inputs.Select(predictor.Predict).ToArray();

        var parallel = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(_ => Task.Run(() => inputs.Select(predictor.Predict).ToArray())));

        foreach (var result in parallel)
        {
            result.Select(p => (p.Label, p.Confidence)).Should().Equal(sequential.Select(p => (p.Label, p.Confidence)));
        }
    }

    [Theory]
    [InlineData(ModelKind.BiLstm)]
    [InlineData(ModelKind.NGrams)]
    [InlineData(ModelKind.Transformer)]
    public void Predict_ProbabilitiesCoverEveryLabelAndSumToOne(ModelKind kind)
    {
        var prediction = TinyReviews.Shared(kind).CreatePredictor().Predict("loved it");

        prediction.Probabilities.Keys.Should().Equal("neg", "pos");
        prediction.Probabilities.Values.Sum().Should().BeApproximately(1.0, 1e-5);
        prediction.Confidence.Should().Be(prediction.Probabilities[prediction.Label]);
        prediction.Confidence.Should().Be(prediction.Probabilities.Values.Max());
    }

    [Theory]
    [InlineData("")]
    [InlineData("    \t\n")]
    [InlineData("!!! ??? :)")]
    [InlineData("\u200B\u200D")]
    public void Predict_EmptyOrSymbolOnlyText_GivesValidPrediction(string text)
    {
        foreach (var kind in new[] { ModelKind.BiLstm, ModelKind.NGrams, ModelKind.Transformer })
        {
            var prediction = TinyReviews.Shared(kind).CreatePredictor().Predict(text);

            prediction.Label.Should().BeOneOf("neg", "pos");
            prediction.Probabilities.Values.Sum().Should().BeApproximately(1.0, 1e-5);
        }
    }

    [Fact]
    public void Predict_Null_ThrowsArgumentNull()
    {
        var predictor = TinyReviews.Shared(ModelKind.BiLstm).CreatePredictor();

        predictor.Invoking(p => p.Predict(null!)).Should().Throw<ArgumentNullException>();
        predictor.Invoking(p => p.PredictBatch(["fine", null!])).Should().Throw<ArgumentNullException>().WithMessage("Text 1 is null.*");
    }

    [Fact]
    public void Predict_OneMegabyteText_IsCutToTheTokenLimit()
    {
        var predictor = TinyReviews.Shared(ModelKind.BiLstm).CreatePredictor();
        var huge = string.Concat(Enumerable.Repeat("the movie was boring and ", 42_000)) + "but the ending was great";

        var prediction = predictor.Predict(huge);
        var explanation = predictor.Explain(huge);

        huge.Length.Should().BeGreaterThan(1_000_000);
        prediction.Probabilities.Values.Sum().Should().BeApproximately(1.0, 1e-5);
        // Head and tail are read: the last word still counts, the middle gets no attribution.
        explanation.Tokens[^1].Token.Should().Be("great");
        explanation.Tokens[^1].Attribution.Should().NotBe(0);
        explanation.Tokens[explanation.Tokens.Count / 2].Attribution.Should().Be(0);
    }

    [Theory]
    [InlineData(ModelKind.BiLstm)]
    [InlineData(ModelKind.NGrams)]
    public void Explain_TinyModel_PointsToTheSentimentWords(ModelKind kind)
    {
        var predictor = TinyReviews.Shared(kind).CreatePredictor();

        var good = predictor.Explain("the story was great and the cast");
        var bad = predictor.Explain("the story was awful and the cast");

        good.Prediction.Label.Should().Be("pos");
        good.Tokens.Select(t => t.Token).Should().Equal("the", "story", "was", "great", "and", "the", "cast");
        good.Tokens.MaxBy(t => t.Attribution)!.Token.Should().Be("great");
        good.Tokens.Single(t => t.Token == "great").Attribution.Should().BePositive();
        bad.Prediction.Label.Should().Be("neg");
        bad.Tokens.MaxBy(t => t.Attribution)!.Token.Should().Be("awful");
        bad.Tokens.Single(t => t.Token == "awful").Attribution.Should().BePositive();
    }

    [Fact]
    public void PredictBatch_TenThousandPredictions_LeaveNoLiveTensors()
    {
        var predictor = TinyReviews.Shared(ModelKind.BiLstm).CreatePredictor();
        predictor.Predict("warm up");
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 0; i < 10_000; i += 500)
        {
            predictor.PredictBatch(Enumerable.Range(i, 500).Select(k => Texts[k % Texts.Length]).ToArray());
        }

        for (var i = 0; i < 200; i++)
        {
            predictor.Predict(Texts[i % Texts.Length]);
        }

        DisposeScopeManager.Statistics.ThreadTotalLiveCount.Should().Be(before);
    }

    [Fact]
    public void Load_OwningPredictor_DisposesModelOnce()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sk-pred-{Guid.NewGuid():N}.skm");
        try
        {
            TinyReviews.Shared(ModelKind.NGrams).Save(path);
            var predictor = SentimentPredictor.Load(path, DevicePreference.Cpu);
            predictor.Predict("great").Label.Should().Be("pos");

            predictor.Dispose();
            predictor.Dispose();

            predictor.Invoking(p => p.Predict("great")).Should().Throw<ObjectDisposedException>();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(ModelKind.BiLstm)]
    [InlineData(ModelKind.NGrams)]
    public void Dispose_WhileOtherThreadsPredict_CallsFinishOrThrowObjectDisposed(ModelKind kind)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sk-dispose-{Guid.NewGuid():N}.skm");
        TinyReviews.Shared(kind).Save(path);
        try
        {
            var predictor = SentimentPredictor.Load(path, DevicePreference.Cpu);
            var texts = TinyReviews.Make(64, seed: 3).Select(e => e.Text).ToArray();
            using var allRunning = new CountdownEvent(4);
            var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
            var completed = 0;
            var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                var signalled = false;
                try
                {
                    while (true)
                    {
                        predictor.PredictBatch(texts);
                        Interlocked.Increment(ref completed);
                        if (!signalled)
                        {
                            signalled = true;
                            allRunning.Signal();
                        }
                    }
                }
                catch (ObjectDisposedException)
                {
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
                finally
                {
                    if (!signalled)
                    {
                        allRunning.Signal();
                    }
                }
            })).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            allRunning.Wait();
            predictor.Dispose();
            foreach (var thread in threads)
            {
                thread.Join();
            }

            failures.Should().BeEmpty();
            completed.Should().BeGreaterThanOrEqualTo(4);
            var after = () => predictor.Predict("great");
            after.Should().Throw<ObjectDisposedException>();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
