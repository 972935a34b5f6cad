using System.Security.Claims;
using System.Text.Json;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// Turns a verified payload into claims: strings as they are, numbers and booleans with their JSON value type,
/// arrays as one claim per element, objects (and nested arrays) as their JSON text, the space-delimited
/// <c>scope</c> as one claim per scope, <c>sub</c> also as <see cref="ClaimTypes.NameIdentifier"/>; <c>null</c>
/// members are left out.
/// </summary>
internal static class TokenClaimMapper
{
    /// <summary>The claim value type of JSON text (as IdentityModel names it).</summary>
    public const string JsonValueType = "JSON";

    public static Claim[] All(VerifiedToken token)
    {
        // The identity claims and scopes come from the typed token (as verified); the rest from the payload.
        var claims = new List<Claim>(Minimal(token));
        if (token.Claims.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in token.Claims.EnumerateObject())
            {
                if (member.Name is not (AuthPlaneIdentity.SubjectClaimType or AuthPlaneIdentity.ClientIdClaimType or AuthPlaneIdentity.ScopeClaimType))
                {
                    AddValue(member.Name, member.Value, token, claims, allowArray: true);
                }
            }
        }

        return [.. claims];
    }

    public static Claim[] Minimal(VerifiedToken token)
    {
        var claims = new List<Claim>(3 + token.Scopes.Count)
        {
            New(AuthPlaneIdentity.SubjectClaimType, token.Subject, ClaimValueTypes.String, token),
            New(ClaimTypes.NameIdentifier, token.Subject, ClaimValueTypes.String, token),
            New(AuthPlaneIdentity.ClientIdClaimType, token.ClientId, ClaimValueTypes.String, token),
        };
        AddScopes(token, claims);
        return [.. claims];
    }

    private static void AddScopes(VerifiedToken token, List<Claim> claims)
    {
        foreach (var scope in token.Scopes)
        {
            claims.Add(New(AuthPlaneIdentity.ScopeClaimType, scope, ClaimValueTypes.String, token));
        }
    }

    private static void AddValue(string type, JsonElement value, VerifiedToken token, List<Claim> claims, bool allowArray)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                claims.Add(New(type, value.GetString()!, ClaimValueTypes.String, token));
                break;
            case JsonValueKind.Number:
                claims.Add(New(type, value.GetRawText(), value.TryGetInt64(out _) ? ClaimValueTypes.Integer64 : ClaimValueTypes.Double, token));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                claims.Add(New(type, value.ValueKind == JsonValueKind.True ? "true" : "false", ClaimValueTypes.Boolean, token));
                break;
            case JsonValueKind.Array when allowArray:
                foreach (var item in value.EnumerateArray())
                {
                    AddValue(type, item, token, claims, allowArray: false);
                }

                break;
            case JsonValueKind.Array or JsonValueKind.Object:
                claims.Add(New(type, value.GetRawText(), JsonValueType, token));
                break;
        }
    }

    // Shared by every identity of the token, so no subject: a claim's Subject would tie it to one identity.
    private static Claim New(string type, string value, string valueType, VerifiedToken token) =>
        new(type, value, valueType, token.Issuer, token.Issuer, subject: null);
}
