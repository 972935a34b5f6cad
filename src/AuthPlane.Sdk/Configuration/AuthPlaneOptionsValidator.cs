using AuthPlane.Sdk.DPoP;
using AuthPlane.Sdk.Keys;
using Microsoft.Extensions.Options;

namespace AuthPlane.Sdk.Configuration;

/// <summary>
/// Validates <see cref="AuthPlaneOptions"/> at start-up. Every message names the setting both as a configuration key
/// and as an environment variable, and says how to fix it.
/// </summary>
internal sealed class AuthPlaneOptionsValidator : IValidateOptions<AuthPlaneOptions>
{
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthPlaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateIssuer(options, failures);
        ValidateResource(options, failures);
        ValidateChallengeText(options, failures);
        ValidateTokenRules(options, failures);
        ValidateDPoP(options, failures);
        ValidateAuthority(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateIssuer(AuthPlaneOptions options, List<string> failures)
    {
        const string setting = "AuthPlane:Issuer (AUTHPLANE_ISSUER)";
        var issuer = options.Issuer;
        if (string.IsNullOrWhiteSpace(issuer))
        {
            failures.Add($"{setting} is required: set it to your AuthPlane issuer URL, e.g. https://auth.example.com");
            return;
        }

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            failures.Add($"{setting} must be an absolute URL: set it to your AuthPlane issuer URL exactly as it appears in tokens' iss, e.g. https://auth.example.com");
            return;
        }

        if (issuer.Contains('?', StringComparison.Ordinal) || issuer.Contains('#', StringComparison.Ordinal))
        {
            failures.Add($"{setting} must not contain a query or fragment (RFC 8414 §2): remove everything from '?' or '#'.");
        }

        if (uri.UserInfo.Length > 0)
        {
            failures.Add($"{setting} must not contain userinfo: remove the 'user@' part.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !options.DevMode)
        {
            failures.Add($"{setting} must use https: use the https URL of your AuthPlane, or turn on AuthPlane:DevMode (AUTHPLANE_DEV_MODE=true) for local development only.");
        }
    }

    private static void ValidateResource(AuthPlaneOptions options, List<string> failures)
    {
        if (!ResourceUri.TryValidate(options.Resource, options.DevMode, out var error))
        {
            var hint = error == "must use https (http is allowed only in dev mode)"
                ? "use this server's https URL, or turn on AuthPlane:DevMode (AUTHPLANE_DEV_MODE=true) for local development only"
                : "set it to this MCP server's public URL, e.g. https://mcp.example.com/mcp";
            failures.Add($"AuthPlane:Resource (AUTHPLANE_RESOURCE) {error}: {hint}.");
        }
    }

    // Resource, realm and scopes are written into every WWW-Authenticate challenge: text a server cannot send (Kestrel refuses
    // non-ASCII and control characters in a response header, which would turn each 401 into a 500) is refused here.
    private static void ValidateChallengeText(AuthPlaneOptions options, List<string> failures)
    {
        if (options.Resource is { Length: > 0 } resource && !IsHeaderText(resource))
        {
            failures.Add("AuthPlane:Resource (AUTHPLANE_RESOURCE) must be printable ASCII, because it is sent in the WWW-Authenticate header (resource_metadata, and realm by default): write an international host in punycode and percent-encode the path.");
        }

        if (options.Realm is { Length: > 0 } realm && !IsHeaderText(realm))
        {
            failures.Add("AuthPlane:Realm (AUTHPLANE_REALM) must be printable ASCII (no control or non-ASCII characters), because it is sent in the WWW-Authenticate header: choose a plain name or leave it unset to use the resource URI.");
        }

        foreach (var scope in options.Scopes ?? [])
        {
            if (!IsScopeToken(scope))
            {
                failures.Add("AuthPlane:Scopes (AUTHPLANE_SCOPES) contains a scope that is not an RFC 6749 §3.3 scope-token (printable ASCII without space, '\\' or '\"'), so it cannot be sent in the WWW-Authenticate header: rename the scope.");
                return;
            }
        }
    }

    private static bool IsHeaderText(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
    private static bool IsScopeToken(string? scope)
    {
        if (string.IsNullOrEmpty(scope))
        {
            return false;
        }

        foreach (var c in scope)
        {
            if (c is <= ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidateTokenRules(AuthPlaneOptions options, List<string> failures)
    {
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > MaxClockSkew)
        {
            failures.Add("AuthPlane:ClockSkew (AUTHPLANE_CLOCK_SKEW_SECONDS) must be between 0 and 300 seconds: use the default of 30 seconds unless clocks are known to drift.");
        }

        ValidateAlgorithms(
            options.AllowedAlgorithms,
            "AuthPlane:AllowedAlgorithms (AUTHPLANE_ALLOWED_ALGORITHMS)",
            "ES256,RS256",
            failures);

        if (options.MaxTokenBytes < 512)
        {
            failures.Add("AuthPlane:MaxTokenBytes (AuthPlane__MaxTokenBytes) must be at least 512: keep the default of 8192 unless tokens are known to be larger.");
        }

        if (options.TokenCacheSize <= 0 || options.TokenCacheMaxBytes <= 0)
        {
            failures.Add("AuthPlane:TokenCacheSize and TokenCacheMaxBytes (AuthPlane__TokenCacheSize, AuthPlane__TokenCacheMaxBytes) must be positive: keep the defaults of 10000 and 67108864.");
        }
    }

    private static void ValidateDPoP(AuthPlaneOptions options, List<string> failures)
    {
        var dpop = options.DPoP;
        if (dpop is null)
        {
            failures.Add("AuthPlane:DPoP (AuthPlane__DPoP__*) must not be null: remove the explicit null or configure the section.");
            return;
        }

        if (!Enum.IsDefined(dpop.Mode))
        {
            failures.Add("AuthPlane:DPoP:Mode (AUTHPLANE_DPOP) must be disabled, allowed or required: pick one of these values.");
        }

        ValidateAlgorithms(dpop.AllowedAlgorithms, "AuthPlane:DPoP:AllowedAlgorithms (AuthPlane__DPoP__AllowedAlgorithms)", "ES256,RS256,PS256", failures);

        if (dpop.RequireNonce && !IsNonceKey(dpop.NonceKey))
        {
            failures.Add("AuthPlane:DPoP:NonceKey (AuthPlane__DPoP__NonceKey) is required when AuthPlane:DPoP:RequireNonce (AUTHPLANE_DPOP_REQUIRE_NONCE) is on and must be base64 of at least 32 bytes: generate one with 'openssl rand -base64 32' and give every instance the same value.");
        }

        if (dpop.NonceLifetime <= TimeSpan.Zero)
        {
            failures.Add("AuthPlane:DPoP:NonceLifetime (AuthPlane__DPoP__NonceLifetime) must be positive: keep the default of 5 minutes.");
        }

        if (dpop.ProofMaxAge <= TimeSpan.Zero)
        {
            failures.Add("AuthPlane:DPoP:ProofMaxAge (AuthPlane__DPoP__ProofMaxAge) must be positive: keep the default of 300 seconds.");
        }

        if (dpop.ProofClockSkew < TimeSpan.Zero || dpop.ProofClockSkew > MaxClockSkew)
        {
            failures.Add("AuthPlane:DPoP:ProofClockSkew (AuthPlane__DPoP__ProofClockSkew) must be between 0 and 300 seconds: keep the default of 30 seconds.");
        }

        if (dpop.MaxProofBytes < 256)
        {
            failures.Add("AuthPlane:DPoP:MaxProofBytes (AuthPlane__DPoP__MaxProofBytes) must be at least 256: keep the default of 8192.");
        }

        if (dpop.ReplayCacheCapacity is <= 0 or > DPoPOptions.MaxReplayCacheCapacity)
        {
            failures.Add("AuthPlane:DPoP:ReplayCacheCapacity (AuthPlane__DPoP__ReplayCacheCapacity) must be between 1 and 16777216 (the in-memory cache allocates its table at start-up, about 64 bytes per entry): keep the default of 100000, or use the Redis replay cache for more.");
        }

        if (dpop.ReplayCacheMaxEntriesPerKey <= 0 || dpop.ProofKeyCacheCapacity <= 0)
        {
            failures.Add("AuthPlane:DPoP:ReplayCacheMaxEntriesPerKey and ProofKeyCacheCapacity (AuthPlane__DPoP__ReplayCacheMaxEntriesPerKey, AuthPlane__DPoP__ProofKeyCacheCapacity) must be positive: keep the defaults of 10000 and 4096.");
        }
    }

    private static void ValidateAuthority(AuthPlaneOptions options, List<string> failures)
    {
        var authority = options.Authority;
        if (authority is null)
        {
            failures.Add("AuthPlane:Authority (AuthPlane__Authority__*) must not be null: remove the explicit null or configure the section.");
            return;
        }

        if (authority.MetadataRefreshInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add("AuthPlane:Authority:MetadataRefreshInterval (AuthPlane__Authority__MetadataRefreshInterval) must be at least 1 minute: keep the default of 1 hour.");
        }

        if (authority.MinKeysLifetime < TimeSpan.FromSeconds(1) || authority.MaxKeysLifetime < authority.MinKeysLifetime)
        {
            failures.Add("AuthPlane:Authority:MinKeysLifetime and MaxKeysLifetime (AuthPlane__Authority__MinKeysLifetime, AuthPlane__Authority__MaxKeysLifetime) must be positive with the minimum not above the maximum: keep the defaults of 5 minutes and 24 hours.");
        }

        if (authority.UnknownKeyRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("AuthPlane:Authority:UnknownKeyRefreshInterval (AuthPlane__Authority__UnknownKeyRefreshInterval) must be at least 1 second, or a flood of unknown kids floods the authority: keep the default of 30 seconds.");
        }

        if (authority.RetryDelay <= TimeSpan.Zero || authority.MaxRetryDelay < authority.RetryDelay || authority.MaxKeysAge < authority.MinKeysLifetime)
        {
            failures.Add("AuthPlane:Authority:RetryDelay, MaxRetryDelay and MaxKeysAge (AuthPlane__Authority__RetryDelay, AuthPlane__Authority__MaxRetryDelay, AuthPlane__Authority__MaxKeysAge) must be positive, with MaxRetryDelay not below RetryDelay and MaxKeysAge not below MinKeysLifetime: keep the defaults of 5 seconds, 5 minutes and 24 hours.");
        }

        if (authority.HttpTimeout <= TimeSpan.Zero || authority.HttpTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("AuthPlane:Authority:HttpTimeout (AuthPlane__Authority__HttpTimeout) must be between 0 and 2 minutes: keep the default of 10 seconds.");
        }

        if (authority.MaxResponseBytes < 1024)
        {
            failures.Add("AuthPlane:Authority:MaxResponseBytes (AuthPlane__Authority__MaxResponseBytes) must be at least 1024: keep the default of 524288.");
        }
    }

    private static void ValidateAlgorithms(IReadOnlyList<string>? algorithms, string setting, string defaults, List<string> failures)
    {
        if (algorithms is null || algorithms.Count == 0)
        {
            failures.Add($"{setting} must list at least one algorithm: use the default {defaults}.");
            return;
        }

        foreach (var algorithm in algorithms)
        {
            if (!JwsAlgorithm.TryGet(algorithm, out _))
            {
                var supported = string.Join(", ", JwsAlgorithm.SupportedNames);
                failures.Add($"{setting} contains '{algorithm}', which is not allowed (none and HMAC algorithms are never accepted): use only {supported}.");
            }
        }
    }

    private static bool IsNonceKey(string? value) => DPoPNonceService.TryDecodeKey(value, out _);
}
