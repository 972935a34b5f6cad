using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Discovery;

/// <summary>
/// Fetches metadata and JWKS documents with the authority client: https only unless dev mode, no redirects,
/// a per-request time limit and a size limit enforced while reading (Content-Length is not trusted alone).
/// </summary>
internal sealed class AuthorityDocumentFetcher
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly AuthPlaneOptions _options;
    private readonly TimeProvider _timeProvider;

    public AuthorityDocumentFetcher(IHttpClientFactory httpClientFactory, IOptions<AuthPlaneOptions> options, TimeProvider timeProvider)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// GETs <paramref name="uri"/>; never throws except for cancellation by <paramref name="cancellationToken"/>: any
    /// transport or body failure (refused connection, timeout, a body cut short, a bad encoding) is a failed document.
    /// </summary>
    public async Task<AuthorityDocument> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (!EndpointUri.IsAllowed(uri, _options.DevMode))
        {
            return AuthorityDocument.Failed("The URL is not an absolute https URL (http is allowed only in dev mode).");
        }

        var authority = _options.Authority;
        using var timeout = new CancellationTokenSource(authority.HttpTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var client = _httpClientFactory.CreateClient(AuthPlaneHttpClients.Authority);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return AuthorityDocument.NotFound();
            }

            if (!response.IsSuccessStatusCode)
            {
                return AuthorityDocument.Failed($"HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > authority.MaxResponseBytes)
            {
                return AuthorityDocument.Failed("The response is larger than the allowed maximum.");
            }

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var body = await ReadCappedAsync(stream, authority.MaxResponseBytes, linked.Token).ConfigureAwait(false);
                return body is null
                    ? AuthorityDocument.Failed("The response is larger than the allowed maximum.")
                    : AuthorityDocument.Ok(body, response.Headers.CacheControl?.MaxAge);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AuthorityDocument.Failed("The request timed out.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            // IOException covers HttpIOException: a response cut mid-body, a reset connection.
            return AuthorityDocument.Failed(ex.Message);
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
