using SentimentKit.Data;
using SentimentKit.Text;

namespace SentimentKit.Tests.Facade;

/// <summary>Recipes fitted to the training set's statistics: IMDB keeps today's recipe, short texts and small data do not.</summary>
public class DerivedRecipeTests
{
    private static DatasetStatistics Statistics(int count, int minLength, double meanExtra, int seed = 1)
    {
        var random = new Random(seed);
        var lengths = Enumerable.Range(0, count).Select(_ => minLength + (int)(-meanExtra * Math.Log(1 - random.NextDouble())));
        return DatasetStatistics.FromLengths(lengths, new Dictionary<string, int> { ["neg"] = count / 2, ["pos"] = count - (count / 2) });
    }

    // IMDB's training set: 25,000 reviews, about 230 words (270 tokens) each, the 95th percentile far beyond 400 tokens.
    private static DatasetStatistics Imdb => Statistics(25_000, 40, 230);

    public static TheoryData<string> RecipeNames => [.. SentimentTrainerOptions.Recipes.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(RecipeNames))]
    public void FromRecipe_ImdbLikeStatistics_IsTodaysRecipeWithEarlyStopping(string name)
    {
        Imdb.TokenLengthP95.Should().BeGreaterThan(400);
        var fixedRecipe = SentimentTrainerOptions.FromRecipe(name);
        var derived = SentimentTrainerOptions.FromRecipe(name, Imdb);

        derived.Model.Should().BeEquivalentTo(fixedRecipe.Model, o => o.RespectingRuntimeTypes());
        derived.Trainer.EarlyStoppingPatience.Should().Be(2, "early stopping on validation is always on");
        derived.Trainer.EarlyStoppingPatience = fixedRecipe.Trainer.EarlyStoppingPatience;
        derived.Trainer.Should().BeEquivalentTo(fixedRecipe.Trainer);
        derived.LearningRateFinder.Should().BeNull("on IMDB the recipe's tuned rate stays");
    }

    [Fact]
    public void Recommended_ShortTexts_CutsMaxTokensToTheirLength()
    {
        var sentences = Statistics(25_000, 5, 15);
        var rnn = (RnnModelOptions)SentimentTrainerOptions.Recommended(ModelKind.BiLstm, sentences).Model;

        rnn.Network.MaxTokens.Should().Be(((sentences.TokenLengthP95 + 7) / 8 * 8));
        rnn.Network.MaxTokens.Should().BeLessThan(80);
        rnn.Vocabulary.MaxSize.Should().Be(10_000, "one vocabulary entry per 100 training tokens, at least 10,000");
    }

    [Fact]
    public void Recommended_SmallData_TrainsMoreEpochsOfASmallerNetworkAndKeepsRareNGrams()
    {
        var small = Statistics(1_000, 40, 230);
        var rnn = SentimentTrainerOptions.Recommended(ModelKind.BiLstm, small);
        var ngrams = SentimentTrainerOptions.RecommendedNaiveBayes(small);

        var network = ((RnnModelOptions)rnn.Model).Network;
        network.HiddenSize.Should().Be(64);
        network.Dropout.Should().BeGreaterThan(0.3);
        rnn.Trainer.Epochs.Should().Be(12, "1,400 steps of 15 batches are capped at 12 epochs");
        rnn.Trainer.EarlyStoppingPatience.Should().Be(47, "the patience is about 700 steps, 47 epochs of 15 batches: on small data nothing stops a network still at chance");
        ngrams.Trainer.EarlyStoppingPatience.Should().Be(25, "700 steps of 29 batches of 32");
        ngrams.Trainer.Epochs.Should().Be(4, "the n-gram model memorizes small data within a few epochs");
        ((NGramModelOptions)ngrams.Model).Features.MinDocumentFrequency.Should().Be(1);
        ((NGramModelOptions)ngrams.Model).Features.Weighting.Should().Be(NGramWeighting.NaiveBayes);
        rnn.LearningRateFinder.Should().BeNull("the range test's suggestion on small data changed from run to run (README)");
        ngrams.LearningRateFinder.Should().BeNull("a linear model's loss keeps falling to rates far above its tuned one");
    }

    [Fact]
    public void Recommended_WithStatistics_LeavesTheFixedRecipesAlone()
    {
        _ = SentimentTrainerOptions.Recommended(ModelKind.BiLstm, Statistics(500, 3, 5));

        SentimentTrainerOptions.Recommended(ModelKind.BiLstm).Trainer.Epochs.Should().Be(4);
        ((RnnModelOptions)SentimentTrainerOptions.Recommended(ModelKind.BiLstm).Model).Network.MaxTokens.Should().Be(400);
    }
}
