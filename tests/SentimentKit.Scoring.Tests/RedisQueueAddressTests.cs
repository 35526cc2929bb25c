namespace SentimentKit.Scoring.Tests;

public class RedisQueueAddressTests
{
    [Fact]
    public void Parse_FullAddress_ReadsHostPortAndJob()
    {
        var address = RedisQueueAddress.Parse("redis://10.0.0.5:6380/reviews-2026");

        address.Host.Should().Be("10.0.0.5");
        address.Port.Should().Be(6380);
        address.Job.Should().Be("reviews-2026");
        address.Password.Should().BeNull();
        address.ToString().Should().Be("redis://10.0.0.5:6380/reviews-2026");
    }

    [Fact]
    public void Parse_NoPortWithPassword_UsesDefaultPort()
    {
        var address = RedisQueueAddress.Parse("redis://:secret@queue.local/job_1");

        address.Port.Should().Be(RedisQueueAddress.DefaultPort);
        address.Password.Should().Be("secret");
    }

    [Theory]
    [InlineData("http://host:6379/job")]
    [InlineData("redis://host:6379/")]
    [InlineData("redis://host:6379/a/b")]
    [InlineData("redis://host:6379/job?x=1")]
    [InlineData("host:6379/job")]
    public void Parse_Malformed_ThrowsInvalidQueueAddressException(string text)
    {
        var act = () => RedisQueueAddress.Parse(text);

        act.Should().Throw<InvalidQueueAddressException>().WithMessage($"*{text}*redis://HOST:PORT/JOB*");
    }
}
