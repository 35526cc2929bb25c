using TorchSharp;

namespace SentimentKit.Modeling;

/// <summary>Builds a module right after seeding libtorch's generators, so that its initial weights depend on the seed only.</summary>
internal static class ModuleSeed
{
    public static T Create<T>(int seed, Func<T> create)
    {
        torch.manual_seed(seed);
        return create();
    }
}
