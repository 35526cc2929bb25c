using SentimentKit.Evaluation;

namespace SentimentKit.Tests.Evaluation;

public class EnsembleWeightsTests
{
    [Fact]
    public void Fit_OneModelAlwaysBetter_GetsEveryRound()
    {
        double[] good = [0.9, 0.8, 0.95, 0.85];
        double[] bad = [0.2, 0.3, 0.1, 0.4];

        EnsembleWeights.Fit([bad, good]).Should().Equal(0, 1);
    }

    [Fact]
    public void Fit_ModelsRightOnDifferentExamples_SharesTheWeight()
    {
        // Each model is confidently right on half the examples and wrong on the other half: only a mix is never wrong.
        double[] first = [0.99, 0.99, 0.01, 0.01];
        double[] second = [0.01, 0.01, 0.99, 0.99];

        var weights = EnsembleWeights.Fit([first, second]);

        weights.Sum().Should().BeApproximately(1, 1e-12);
        weights[0].Should().BeApproximately(0.5, 0.011);
        weights[1].Should().BeApproximately(0.5, 0.011);
    }

    [Fact]
    public void Fit_WeakButComplementaryModel_GetsASmallShare()
    {
        // Right and confident on nine examples, badly wrong on the tenth, where the weak model hedges.
        double[] strong = [.. Enumerable.Repeat(0.95, 9), 0.05];
        double[] weak = [.. Enumerable.Repeat(0.6, 10)];

        var weights = EnsembleWeights.Fit([strong, weak], rounds: 50);

        weights.Should().Equal(0.82, 0.18);
        weights.All(w => Math.Abs((w * 50) - Math.Round(w * 50)) < 1e-9).Should().BeTrue("weights are shares of the rounds");
    }

    [Fact]
    public void Fit_Ties_GoToTheEarlierModel()
    {
        double[] same = [0.7, 0.6];

        EnsembleWeights.Fit([same, [.. same]], rounds: 10).Should().Equal(1, 0);
    }

    [Fact]
    public void Fit_RaggedOrEmptyInput_Throws()
    {
        var ragged = () => EnsembleWeights.Fit([[0.5, 0.5], [0.5]]);
        var empty = () => EnsembleWeights.Fit([[], []]);

        ragged.Should().Throw<ArgumentException>();
        empty.Should().Throw<ArgumentException>();
    }
}
