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

    private static int Id(NGramFeaturizer featurizer, string name) =>
        Enumerable.Range(0, featurizer.FeatureCount).Single(i => featurizer.GetFeatureName(i) == name);
}
