namespace SentimentKit.Hosting;

/// <summary>One <c>AddSentimentPredictor</c> call: the model's name and the runtime that loads it; its options are named options of that name.</summary>
internal sealed record ModelRegistration(string Name, ISentimentPredictorLoader Loader);
