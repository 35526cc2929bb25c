namespace SentimentKit.Onnx;

/// <summary>
/// How a transformer's last hidden states become one vector, as the manifest stores it: the values (and their
/// snake_case names) of the TorchSharp package's <c>TransformerPooling</c>, readable without that package.
/// </summary>
internal enum TransformerOnnxPooling
{
    /// <summary>The mean over the real tokens (<c>[CLS]</c> and <c>[SEP]</c> included, padding never).</summary>
    Mean,

    /// <summary>The hidden state of the first token, <c>[CLS]</c>.</summary>
    Cls,
}
