namespace SentimentKit.Data;

/// <summary>A read-only stream that yields a few already-read bytes and then the rest of an inner stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream inner) : ReadOnlyStream
{
    private int _prefixPosition;

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPosition < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _prefixPosition);
            prefix.AsSpan(_prefixPosition, n).CopyTo(buffer);
            _prefixPosition += n;
            return n;
        }

        return inner.Read(buffer);
    }
}
