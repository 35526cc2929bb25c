namespace SentimentKit.Data;

/// <summary>A dataset cut in two: examples to train on and examples to validate on.</summary>
/// <param name="Train">The training examples, in their original relative order.</param>
/// <param name="Validation">The validation examples, in their original relative order.</param>
public sealed record TrainValidationSplit(IReadOnlyList<TextExample> Train, IReadOnlyList<TextExample> Validation);
