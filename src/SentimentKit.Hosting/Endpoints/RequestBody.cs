using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>
/// Reads a JSON request body within <see cref="SentimentEndpointOptions.MaxRequestBodyBytes"/>: the declared length is
/// checked before anything is read and the bytes read are counted whatever the server enforces, so an oversized
/// body costs at most the limit; malformed JSON is answered with the parser's reason (where and what).
/// </summary>
internal static class RequestBody
{
    private const int ChunkBytes = 16 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, long maxBytes, RequestRejection reject, string expected)
        where T : class
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(context, reject, maxBytes, request.ContentLength));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Raises the server's own limit where ours is higher; ours is enforced below in any case.
            size.MaxRequestBodySize = maxBytes + 1;
        }

        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? ChunkBytes, maxBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkBytes), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    return (null, TooLarge(context, reject, maxBytes, length: null));
                }

                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(context, reject, maxBytes, length: null)
                : reject.Malformed400(context, $"The request body could not be read: {e.Message}"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (body.Length == 0)
        {
            return (null, reject.Malformed400(context, $"The request body is empty; expected {expected}."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.GetBuffer().AsSpan(0, (int)body.Length), HostingJson.Options);
            return value is null
                ? (null, reject.Malformed400(context, $"The request body is JSON null; expected {expected}."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, reject.Malformed400(context, $"The request body is not valid JSON for {expected}: {e.Message}"));
        }
    }

    private static IResult TooLarge(HttpContext context, RequestRejection reject, long maxBytes, long? length) =>
        reject.Limit(context, StatusCodes.Status413PayloadTooLarge, RequestRejection.BodyTooLarge, "Request body too large",
            nameof(SentimentEndpointOptions.MaxRequestBodyBytes), maxBytes,
            (length is null ? "The request body is longer" : $"The request body has {RequestRejection.Count(length.Value)} bytes")
            + $"; the limit {nameof(SentimentEndpointOptions.MaxRequestBodyBytes)} is {RequestRejection.Count(maxBytes)} bytes.");
}
