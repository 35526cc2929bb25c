using SentimentKit.Training;

namespace SentimentKit.Tests.Facade;

/// <summary>The transformer part of <see cref="TinyReviews"/>: a tiny random encoder, fine-tuned with AdamW and warm-up.</summary>
internal static partial class TinyReviews
{
    static partial void ConfigureTransformer(SentimentTrainerOptions options)
    {
        TinyTransformer.Configure((TransformerModelOptions)options.Model);
        options.Trainer.Optimizer = OptimizerKind.AdamW;
        options.Trainer.Schedule = LearningRateScheduleKind.WarmupLinear;
    }
}
