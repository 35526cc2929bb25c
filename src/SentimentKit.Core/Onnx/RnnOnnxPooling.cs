namespace SentimentKit.Onnx;

/// <summary>How an exported RNN classifier pools its outputs; numbered as <c>Modeling.RnnPooling</c>.</summary>
internal enum RnnOnnxPooling
{
    /// <summary>The final states: forward after the last real token, backward after the first.</summary>
    Last,

    /// <summary>The mean over the real steps.</summary>
    Mean,

    /// <summary>The element-wise maximum over the real steps.</summary>
    Max,

    /// <summary>Additive attention over the real steps.</summary>
    Attention,

    /// <summary>Mean and maximum concatenated.</summary>
    MeanMax,
}
