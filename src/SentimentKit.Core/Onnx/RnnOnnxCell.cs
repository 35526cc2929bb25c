namespace SentimentKit.Onnx;

/// <summary>The recurrent cell of an exported RNN classifier; numbered as <c>Modeling.RnnCellType</c>.</summary>
internal enum RnnOnnxCell
{
    /// <summary>LSTM: ONNX <c>LSTM</c>, gates reordered from libtorch's i, f, g, o to ONNX's i, o, f, c.</summary>
    Lstm,

    /// <summary>GRU: ONNX <c>GRU</c> with <c>linear_before_reset=1</c>, gates reordered from r, z, n to z, r, h.</summary>
    Gru,

    /// <summary>The Elman RNN with tanh: ONNX <c>RNN</c>.</summary>
    Rnn,
}
