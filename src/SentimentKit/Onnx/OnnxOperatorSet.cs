namespace SentimentKit.Onnx;

/// <summary>An operator set a model imports (<c>OperatorSetIdProto</c>).</summary>
/// <param name="Domain">The domain; empty (or <c>ai.onnx</c>) for the standard operators.</param>
/// <param name="Version">The operator set version.</param>
internal sealed record OnnxOperatorSet(string Domain, long Version)
{
    /// <summary>The domain of the standard operators, which files may also write as the empty string.</summary>
    public const string StandardDomain = "ai.onnx";

    /// <summary>Gets whether two domain names denote the same operator set (the empty one is <c>ai.onnx</c>).</summary>
    public static bool SameDomain(string a, string b) =>
        string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    private static string Canonical(string domain) => domain.Length == 0 ? StandardDomain : domain;
}
