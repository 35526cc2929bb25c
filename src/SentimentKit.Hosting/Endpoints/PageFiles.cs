using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>
/// The page's files, embedded in this assembly and served from memory: an app needs no wwwroot, and the content
/// security policy lets the page load and call nothing but this server.
/// </summary>
internal static class PageFiles
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IResult Serve(HttpContext context, (byte[] Bytes, string ContentType, EntityTagHeaderValue ETag) file)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        return Results.Bytes(file.Bytes, file.ContentType, entityTag: file.ETag);
    }

    public static (byte[] Bytes, string ContentType, EntityTagHeaderValue ETag) Load(string name, string contentType)
    {
        var resource = $"SentimentKit.Hosting.wwwroot.{name}";
        using var stream = typeof(PageFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The page file {resource} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return (bytes, contentType, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\""));
    }
}
