using SentimentKit.Text;

namespace SentimentKit.Tests.Text;

public class NGramFeaturizerTests
{
    private static readonly string[] Corpus =
    [
        "not good at all",
        "very good film",
        "not bad film",
        "good good film",
    ];

    private static readonly NGramFeaturizerOptions AllNGrams = new() { MinDocumentFrequency = 1 };

    [Fact]
    public void Fit_UniAndBigrams_CollectsBoth()
    {
        var featurizer = NGramFeaturizer.Fit(Corpus, AllNGrams);
        var names = Enumerable.Range(0, featurizer.FeatureCount).Select(featurizer.GetFeatureName).ToArray();
        names.Should().Contain(["good", "not good", "good film", "film"]);
        names.Should().NotContain(n => n.Split(' ').Length > 2);
        names[0].Should().Be("film");
    }

    [Fact]
    public void Fit_Trigrams_AreIncludedWhenAsked()
    {
        var featurizer = NGramFeaturizer.Fit(Corpus, new NGramFeaturizerOptions { MinDocumentFrequency = 1, MaxNGramLength = 3 });
        Enumerable.Range(0, featurizer.FeatureCount).Select(featurizer.GetFeatureName).Should().Contain("not good at");
    }

    [Fact]
    public void Fit_MinDocumentFrequencyAndMaxFeatures_Limit()
    {
        var featurizer = NGramFeaturizer.Fit(Corpus, new NGramFeaturizerOptions { MinDocumentFrequency = 2, MaxFeatures = 2 });
        featurizer.FeatureCount.Should().Be(2);
        Enumerable.Range(0, 2).Select(featurizer.GetFeatureName).Should().Equal("film", "good");
    }

    [Fact]
    public void Transform_Document_MatchesTfIdfFormula()
    {
        var featurizer = NGramFeaturizer.Fit(Corpus, new NGramFeaturizerOptions { MaxNGramLength = 1, MinDocumentFrequency = 1 });
        var doc = featurizer.Transform("good good film");

        var film = Id(featurizer, "film");
        var good = Id(featurizer, "good");
        doc.Ids.Should().Equal(new[] { film, good }.Order());
        var idfGood = Math.Log(5.0 / 4.0) + 1;
        var idfFilm = Math.Log(5.0 / 4.0) + 1;
        var wGood = (1 + Math.Log(2)) * idfGood;
        var wFilm = idfFilm;
        var norm = Math.Sqrt((wGood * wGood) + (wFilm * wFilm));
        doc.Weights[Array.IndexOf(doc.Ids, good)].Should().BeApproximately((float)(wGood / norm), 1e-6f);
        doc.Weights[Array.IndexOf(doc.Ids, film)].Should().BeApproximately((float)(wFilm / norm), 1e-6f);
    }

    [Fact]
    public void Transform_AnyText_IsL2NormalizedWithSortedIdsInRange()
    {
        var featurizer = NGramFeaturizer.Fit(Corpus, AllNGrams);
        foreach (var text in Corpus.Append("good film not bad").Append("unknown words only"))
        {
            var doc = featurizer.Transform(text);
            doc.Ids.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            doc.Ids.All(id => id >= 0 && id < featurizer.FeatureCount).Should().BeTrue();
            if (doc.Count > 0)
            {
                Math.Sqrt(doc.Weights.Sum(w => (double)w * w)).Should().BeApproximately(1, 1e-5);
            }
        }

        featurizer.Transform("zebra yak").Count.Should().Be(0);
    }

    [Fact]
    public void Transform_UnknownTokenBetween_BreaksBigrams()
    {
        var featurizer = NGramFeaturizer.Fit(Corpus, AllNGrams);
        var doc = featurizer.Transform("not zebra good");
        doc.Ids.Select(featurizer.GetFeatureName).Should().BeEquivalentTo("not", "good");
    }

    [Fact]
    public void Transform_RawHtmlText_SameAsNormalizedText()
    {
        var featurizer = NGramFeaturizer.Fit(Corpus, AllNGrams);
        string[] raw = ["NOT <b>good</b> at all!!", "Very&nbsp;good FILM<br /><br />", "caf\u00E9 not  bad\tfilm", "<3 good film"];
        foreach (var text in raw)
        {
            var fromRaw = featurizer.Transform(text);
            var fromNormalized = featurizer.Transform(featurizer.Normalizer.Normalize(text));
            fromRaw.Ids.Should().Equal(fromNormalized.Ids);
            fromRaw.Weights.Should().Equal(fromNormalized.Weights);
        }

        featurizer.Transform("NOT <b>good</b>").Ids.Select(featurizer.GetFeatureName).Should().Contain("not good");
    }

    [Fact]
    public void Transform_Batch_EqualsOneByOne()
    {
        var featurizer = NGramFeaturizer.Fit(Corpus, AllNGrams);
        var batch = featurizer.Transform((IReadOnlyList<string>)Corpus);
        for (var i = 0; i < Corpus.Length; i++)
        {
            batch[i].Ids.Should().Equal(featurizer.Transform(Corpus[i]).Ids);
            batch[i].Weights.Should().Equal(featurizer.Transform(Corpus[i]).Weights);
        }
    }

    [Fact]
    public void SaveLoad_RoundTrip_GivesSameFeatures()
    {
        using var temp = new TempDirectory();
        var featurizer = NGramFeaturizer.Fit(Corpus, new NGramFeaturizerOptions { MinDocumentFrequency = 1, MaxNGramLength = 3 });
        var path = temp.File("ngrams.json");
        featurizer.Save(path);

        var loaded = NGramFeaturizer.Load(path);

        loaded.FeatureCount.Should().Be(featurizer.FeatureCount);
        loaded.MaxNGramLength.Should().Be(3);
        foreach (var text in Corpus)
        {
            loaded.Transform(text).Ids.Should().Equal(featurizer.Transform(text).Ids);
            loaded.Transform(text).Weights.Should().Equal(featurizer.Transform(text).Weights);
        }
    }

    [Fact]
    public void Load_CorruptFile_ThrowsTextFormatException()
    {
        using var temp = new TempDirectory();
        var path = temp.File("ngrams.json");
        File.WriteAllText(path, """{"format":"sentimentkit-ngrams","version":1,"maxNGramLength":2,"sublinearTf":true,"documentCount":2,"normalizer":{"lowerCase":true,"stripHtmlTags":true,"decodeHtmlEntities":true,"unicodeNormalization":true,"removeFormatCharacters":true,"collapseWhitespace":true},"tokens":["a"],"features":[[0,5]],"documentFrequencies":[1]}""");
        var act = () => NGramFeaturizer.Load(path);
        act.Should().Throw<TextFormatException>().Which.Message.Should().Contain(path).And.Contain("feature 0");
    }

    [Fact]
    public void Fit_InvalidOptions_ReportsEveryProblem()
    {
        var act = () => NGramFeaturizer.Fit(Corpus, new NGramFeaturizerOptions { MaxNGramLength = 4, MinDocumentFrequency = 0 });
        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("MaxNGramLength").And.Contain("MinDocumentFrequency");
    }

    [Fact]
    public void Fit_SameCorpusTwice_GivesSameFeatureOrder()
    {
        var texts = Enumerable.Range(0, 2000).Select(i => $"w{i % 31} w{i % 17} w{i % 7} end").ToArray();
        var a = NGramFeaturizer.Fit(texts, AllNGrams);
        var b = NGramFeaturizer.Fit(texts, new NGramFeaturizerOptions { MinDocumentFrequency = 1, MaxDegreeOfParallelism = 1 });
        Enumerable.Range(0, a.FeatureCount).Select(a.GetFeatureName).Should().Equal(Enumerable.Range(0, b.FeatureCount).Select(b.GetFeatureName));
    }

    [Fact]
    public void NaiveBayes_Ratios_MatchLogCountRatioFormula()
    {
        // Labels: 0 = negative, 1 = positive.
        string[] texts = ["bad film", "bad bad plot", "good film", "good plot", "good good fun"];
        int[] labels = [0, 0, 1, 1, 1];
        var featurizer = NGramFeaturizer.Fit(texts, labels, 2, new NGramFeaturizerOptions { MaxNGramLength = 1, MinDocumentFrequency = 1, Weighting = NGramWeighting.NaiveBayes });

        featurizer.Weighting.Should().Be(NGramWeighting.NaiveBayes);
        // Binarized document counts per class, plus one: bad (2+1, 0+1), film (1+1, 1+1), plot (1+1, 1+1), good (0+1, 3+1), fun (0+1, 1+1).
        double negativeTotal = 3 + 2 + 2 + 1 + 1, positiveTotal = 1 + 2 + 2 + 4 + 2;
        double Ratio(double negative, double positive) => Math.Abs(Math.Log(positive / positiveTotal) - Math.Log(negative / negativeTotal));
        var ratios = featurizer.NaiveBayesRatios!;
        ratios[Id(featurizer, "bad")].Should().BeApproximately((float)Ratio(3, 1), 1e-5f);
        ratios[Id(featurizer, "good")].Should().BeApproximately((float)Ratio(1, 4), 1e-5f);
        ratios[Id(featurizer, "film")].Should().BeApproximately((float)Ratio(2, 2), 1e-5f);

        // A document weighs each present n-gram by its ratio (counts binarized), L2-normalized.
        var doc = featurizer.Transform("good good bad");
        var good = ratios[Id(featurizer, "good")];
        var bad = ratios[Id(featurizer, "bad")];
        var norm = Math.Sqrt((good * good) + (bad * bad));
        doc.Weights[Array.IndexOf(doc.Ids, Id(featurizer, "good"))].Should().BeApproximately((float)(good / norm), 1e-6f);
        doc.Weights[Array.IndexOf(doc.Ids, Id(featurizer, "bad"))].Should().BeApproximately((float)(bad / norm), 1e-6f);
    }

    [Fact]
    public void NaiveBayes_ManyClasses_TakesLargestOneAgainstRestRatio()
    {
        string[] texts = ["red sky", "red sea", "blue sky", "blue sea", "green sky", "green sea"];
        int[] labels = [0, 0, 1, 1, 2, 2];
        var featurizer = NGramFeaturizer.Fit(texts, labels, 3, new NGramFeaturizerOptions { MaxNGramLength = 1, MinDocumentFrequency = 1, Weighting = NGramWeighting.NaiveBayes });

        var ratios = featurizer.NaiveBayesRatios!;
        // "sky" and "sea" occur equally in every class: uninformative. Each colour marks one class.
        ratios[Id(featurizer, "red")].Should().BeGreaterThan(0.5f);
        ratios[Id(featurizer, "red")].Should().BeApproximately(ratios[Id(featurizer, "green")], 1e-6f);
        ratios[Id(featurizer, "sky")].Should().BeLessThan(ratios[Id(featurizer, "red")] / 5);
    }

    [Fact]
    public void NaiveBayes_WithoutLabels_ThrowsNamingTheOption()
    {
        var act = () => NGramFeaturizer.Fit(Corpus, new NGramFeaturizerOptions { Weighting = NGramWeighting.NaiveBayes });
        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("NaiveBayes").And.Contain("labels");
    }

    [Fact]
    public void NaiveBayes_BadLabels_AreRejected()
    {
        var options = new NGramFeaturizerOptions { Weighting = NGramWeighting.NaiveBayes };
        FluentActions.Invoking(() => NGramFeaturizer.Fit(Corpus, [0, 1, 0], 2, options)).Should().Throw<ArgumentException>().WithMessage("*4 texts but 3 labels*");
        FluentActions.Invoking(() => NGramFeaturizer.Fit(Corpus, [0, 1, 2, 0], 2, options)).Should().Throw<ArgumentException>().WithMessage("*Label 2 is 2*");
        FluentActions.Invoking(() => NGramFeaturizer.Fit(Corpus, [0, 1, 1, 0], 2, new NGramFeaturizerOptions { NaiveBayesSmoothing = 0 }))
            .Should().Throw<ArgumentException>().WithMessage("*NaiveBayesSmoothing*");
    }

    [Fact]
    public void NaiveBayes_SaveLoad_KeepsRatios()
    {
        using var temp = new TempDirectory();
        var featurizer = NGramFeaturizer.Fit(Corpus, [0, 1, 1, 1], 2, new NGramFeaturizerOptions { MinDocumentFrequency = 1, MaxNGramLength = 3, Weighting = NGramWeighting.NaiveBayes });
        var path = temp.File("ngrams.json");
        featurizer.Save(path);

        var loaded = NGramFeaturizer.Load(path);

        loaded.Weighting.Should().Be(NGramWeighting.NaiveBayes);
        loaded.NaiveBayesRatios.Should().Equal(featurizer.NaiveBayesRatios);
        foreach (var text in Corpus)
        {
            loaded.Transform(text).Weights.Should().Equal(featurizer.Transform(text).Weights);
        }
    }

    [Fact]
    public void NaiveBayes_Load_RatiosOfWrongLengthOrSign_ThrowTextFormatException()
    {
        using var temp = new TempDirectory();
        var path = temp.File("ngrams.json");
        const string Head = """{"format":"sentimentkit-ngrams","version":2,"maxNGramLength":1,"sublinearTf":true,"weighting":"naive-bayes","documentCount":2,"normalizer":{"lowerCase":true,"stripHtmlTags":true,"decodeHtmlEntities":true,"unicodeNormalization":true,"removeFormatCharacters":true,"collapseWhitespace":true},"tokens":["a","b"],"features":[[0],[1]],"documentFrequencies":[1,2],""";
        foreach (var ratios in new[] { "[0.5]", "[0.5,-1]" })
        {
            File.WriteAllText(path, Head + "\"naiveBayesRatios\":" + ratios + "}");
            FluentActions.Invoking(() => NGramFeaturizer.Load(path)).Should().Throw<TextFormatException>()
                .Which.Message.Should().Contain(path).And.Contain("naiveBayesRatios");
        }

        File.WriteAllText(path, Head.Replace("naive-bayes", "bm25", StringComparison.Ordinal) + "\"naiveBayesRatios\":[1,1]}");
        FluentActions.Invoking(() => NGramFeaturizer.Load(path)).Should().Throw<TextFormatException>().Which.Message.Should().Contain("bm25");
    }

    private static int Id(NGramFeaturizer featurizer, string name) =>
        Enumerable.Range(0, featurizer.FeatureCount).Single(i => featurizer.GetFeatureName(i) == name);
}
