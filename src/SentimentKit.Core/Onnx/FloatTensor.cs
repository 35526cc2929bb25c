using System.Globalization;

namespace SentimentKit.Onnx;

/// <summary>A dense float32 tensor in plain arrays: a shape and its values in row-major order.</summary>
internal sealed class FloatTensor
{
    /// <summary>Initializes a tensor.</summary>
    /// <param name="shape">The dimensions; empty for a scalar.</param>
    /// <param name="values">The values, row-major; as many as the product of <paramref name="shape"/>.</param>
    /// <exception cref="ArgumentException">The number of values does not fit the shape.</exception>
    public FloatTensor(long[] shape, float[] values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        var count = OnnxTensor.CountElements(shape);
        if (count != values.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A tensor of shape [{string.Join(", ", shape)}] needs {count?.ToString(CultureInfo.InvariantCulture) ?? "a valid number of"} values, not {values.Length}."), nameof(values));
        }

        Shape = shape;
        Values = values;
    }

    /// <summary>Gets the dimensions.</summary>
    public long[] Shape { get; }

    /// <summary>Gets the values, row-major.</summary>
    public float[] Values { get; }

    /// <summary>Gets whether the tensor has exactly this shape.</summary>
    public bool HasShape(params long[] shape) => Shape.AsSpan().SequenceEqual(shape);

    /// <summary>
    /// The values of a matrix <c>[rows, columns]</c> transposed, row-major <c>[columns, rows]</c>: a libtorch
    /// <c>Linear</c> weight (<c>[out, in]</c>) as the right operand of <c>MatMul</c> (<c>[in, out]</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not two-dimensional.</exception>
    public float[] TransposedValues()
    {
        if (Shape.Length != 2)
        {
            throw new InvalidOperationException($"Only a matrix can be transposed; this tensor is {ShapeText}.");
        }

        var (rows, columns) = ((int)Shape[0], (int)Shape[1]);
        var transposed = new float[Values.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                transposed[(j * rows) + i] = Values[(i * columns) + j];
            }
        }

        return transposed;
    }

    /// <summary>Gets the shape as text, <c>[4, 8]</c>, for messages.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
