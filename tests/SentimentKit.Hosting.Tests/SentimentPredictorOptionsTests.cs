namespace SentimentKit.Hosting.Tests;

public class SentimentPredictorOptionsTests
{
    [Fact]
    public void Ctor_Defaults_AreTheDocumentedValues()
    {
        var options = new SentimentPredictorOptions();

        options.ModelPath.Should().BeNull();
        options.WatchForChanges.Should().BeTrue();
        options.ReloadDelay.Should().Be(TimeSpan.FromMilliseconds(500));
        options.PollInterval.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Validate_EveryOptionWrong_ReportsEveryErrorAtOnce()
    {
        var options = new SentimentPredictorOptions { ModelPath = " ", ReloadDelay = TimeSpan.FromSeconds(-1), PollInterval = TimeSpan.Zero };

        var error = options.Invoking(o => o.Validate()).Should().Throw<InvalidOptionsException>().Which;

        error.Errors.Should().HaveCount(3);
        error.Errors.Should().Contain(e => e.StartsWith("ModelPath", StringComparison.Ordinal));
        error.Errors.Should().Contain(e => e.StartsWith("ReloadDelay", StringComparison.Ordinal));
        error.Errors.Should().Contain(e => e.StartsWith("PollInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ModelPathSet_Passes()
    {
        new SentimentPredictorOptions { ModelPath = "model.skm" }.Invoking(o => o.Validate()).Should().NotThrow();
    }

    [Fact]
    public void Clone_ChangedAfterwards_CopyUnchanged()
    {
        var options = new SentimentPredictorOptions { ModelPath = "a.skm" };

        var copy = options.Clone();
        options.ModelPath = "b.skm";

        copy.ModelPath.Should().Be("a.skm");
    }
}
