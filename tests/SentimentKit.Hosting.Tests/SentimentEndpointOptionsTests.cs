namespace SentimentKit.Hosting.Tests;

public class SentimentEndpointOptionsTests
{
    [Fact]
    public void Ctor_Defaults_AreTheDocumentedValues()
    {
        var options = new SentimentEndpointOptions();

        options.MaxTextLength.Should().Be(20_000);
        options.MaxBatchSize.Should().Be(256);
        options.MaxRequestBodyBytes.Should().Be(8 * 1024 * 1024);
        options.MaxConcurrentRequests.Should().Be(32);
        options.QueueLimit.Should().Be(256);
        options.Invoking(o => o.Validate()).Should().NotThrow();
    }

    [Fact]
    public void Validate_EveryOptionWrong_ReportsEveryErrorAtOnce()
    {
        var options = new SentimentEndpointOptions { MaxTextLength = 0, MaxBatchSize = 0, MaxRequestBodyBytes = 10, MaxConcurrentRequests = 0, QueueLimit = -1 };

        var error = options.Invoking(o => o.Validate()).Should().Throw<InvalidOptionsException>().Which;

        error.Errors.Should().HaveCount(5);
        error.Message.Should().Contain("MaxTextLength").And.Contain("MaxBatchSize").And.Contain("MaxRequestBodyBytes")
            .And.Contain("MaxConcurrentRequests").And.Contain("QueueLimit");
    }
}
