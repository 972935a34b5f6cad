using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthPlane.Sdk.Tests.Differential;

/// <summary>
/// <c>JsonWebTokenHandler</c> and <c>JwtSecurityTokenHandler</c> configured as the SDK verifier is: the same key,
/// issuer, audience, algorithms, token types, lifetime rules and clock skew (both read the system clock, as the
/// differential harness does).
/// </summary>
internal sealed class IdentityModelOracle
{
    private readonly TokenValidationParameters _parameters;
    private readonly JsonWebTokenHandler _jsonHandler = new();
    private readonly JwtSecurityTokenHandler _jwtHandler = new() { MapInboundClaims = false };

    public IdentityModelOracle(string publicJwk, string issuer, string audience, TimeSpan clockSkew, IEnumerable<string> algorithms)
    {
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new JsonWebKey(publicJwk),
            ValidIssuer = issuer,
            ValidAudience = audience,
            ValidAlgorithms = [.. algorithms],
            ValidTypes = ["at+jwt", "application/at+jwt"],
            ClockSkew = clockSkew,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
    }

    /// <summary>True when <c>JsonWebTokenHandler</c> accepts <paramref name="token"/>.</summary>
    public async Task<bool> JsonWebTokenHandlerAcceptsAsync(string token)
    {
        try
        {
            return (await _jsonHandler.ValidateTokenAsync(token, _parameters)).IsValid;
        }
#pragma warning disable CA1031 // any exception of the oracle is its rejection
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>True when <c>JwtSecurityTokenHandler</c> accepts <paramref name="token"/> (it throws to reject).</summary>
    public bool JwtSecurityTokenHandlerAccepts(string token)
    {
        try
        {
            _jwtHandler.ValidateToken(token, _parameters, out _);
            return true;
        }
#pragma warning disable CA1031 // any exception of the oracle is its rejection
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
