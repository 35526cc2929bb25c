namespace SentimentKit.Hosting.Tests;

/// <summary>
/// Waits for a condition that background work makes true (a reload, a swap), checking it every few milliseconds. The
/// limit only ends a test that would otherwise hang; no test asserts on how long anything took.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Gave up waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
