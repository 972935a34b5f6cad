using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Jose;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// Checks the claims of an RFC 9068 access token and builds the <see cref="VerifiedToken"/>. <c>iss</c> and
/// <c>aud</c> are compared ordinally (byte for byte), with no trailing-slash or case leniency. A missing required
/// claim is named by its own <see cref="RejectionReason"/>. The payload was checked to be well-formed UTF-8 before it
/// was parsed, so every string read here is total; times are compared in ticks, which cannot overflow.
/// </summary>
internal static class AccessTokenClaims
{
    private const int MaxActorDepth = 16;

    /// <summary>What the claims are checked against.</summary>
    public readonly record struct Expectations(string Issuer, string Resource, TimeSpan ClockSkew, DateTimeOffset Now);

    /// <summary>The header values that end up in the <see cref="VerifiedToken"/>.</summary>
    public readonly record struct HeaderValues(string RawToken, string KeyId, string Algorithm);

    /// <summary>Checks <paramref name="payload"/>; returns <see cref="RejectionReason.None"/> and the token on success.</summary>
    public static RejectionReason Read(JsonElement payload, in Expectations expected, in HeaderValues header, out VerifiedToken? token)
    {
        token = null;
        var reason = ReadString(payload, "iss", RejectionReason.MissingIssuerClaim, out var issuer);
        if (reason != RejectionReason.None)
        {
            return reason;
        }

        if (!string.Equals(issuer, expected.Issuer, StringComparison.Ordinal))
        {
            return RejectionReason.IssuerMismatch;
        }

        reason = ReadAudiences(payload, expected.Resource, out var audiences);
        if (reason != RejectionReason.None)
        {
            return reason;
        }

        if ((reason = ReadString(payload, "sub", RejectionReason.MissingSubjectClaim, out var subject)) != RejectionReason.None
            || (reason = ReadString(payload, "client_id", RejectionReason.MissingClientIdClaim, out var clientId)) != RejectionReason.None
            || (reason = ReadString(payload, "jti", RejectionReason.MissingTokenIdClaim, out var tokenId)) != RejectionReason.None
            || (reason = ReadTime(payload, "exp", RejectionReason.MissingExpirationClaim, out var expiresAt)) != RejectionReason.None
            || (reason = ReadTime(payload, "iat", RejectionReason.MissingIssuedAtClaim, out var issuedAt)) != RejectionReason.None
            || (reason = ReadTime(payload, "nbf", RejectionReason.None, out var notBefore)) != RejectionReason.None)
        {
            return reason;
        }

        // Boundaries (skew s): expired when now >= exp + s; not yet valid when nbf > now + s; issued in the
        // future when iat > now + s. So a token is accepted up to, but not at, exp + s.
        if (IsExpired(expected.Now, expiresAt!.Value, expected.ClockSkew))
        {
            return RejectionReason.TokenExpired;
        }

        var latestStart = NumericDate.AddSaturating(expected.Now, expected.ClockSkew);
        if (notBefore is { } nbf && nbf > latestStart)
        {
            return RejectionReason.TokenNotYetValid;
        }

        if (issuedAt!.Value > latestStart)
        {
            return RejectionReason.TokenIssuedInFuture;
        }

        if ((reason = ReadScopes(payload, out var scopes)) != RejectionReason.None
            || (reason = ReadConfirmation(payload, out var thumbprint)) != RejectionReason.None
            || (reason = ReadActors(payload, out var actors)) != RejectionReason.None
            || (reason = ReadOptionalString(payload, "agent_id", out var agentId)) != RejectionReason.None
            || (reason = ReadStringArray(payload, "agent_chain", out var agentChain)) != RejectionReason.None)
        {
            return reason;
        }

        token = new VerifiedToken
        {
            RawToken = header.RawToken,
            Issuer = issuer!,
            Subject = subject!,
            ClientId = clientId!,
            Audiences = audiences!,
            Scopes = scopes,
            TokenId = tokenId!,
            KeyId = header.KeyId,
            Algorithm = header.Algorithm,
            IssuedAt = issuedAt.Value,
            ExpiresAt = expiresAt.Value,
            NotBefore = notBefore,
            ConfirmationThumbprint = thumbprint,
            ActorChain = actors,
            AgentId = agentId,
            AgentChain = agentChain,
            Claims = payload.Clone(), // outlives the parsed token's pooled document
        };
        return RejectionReason.None;
    }

    /// <summary>
    /// True when <paramref name="now"/> has reached <paramref name="expiresAt"/> + <paramref name="clockSkew"/>; the sum
    /// saturates, so an <c>exp</c> at the end of time (253402300799) never overflows.
    /// </summary>
    public static bool IsExpired(DateTimeOffset now, DateTimeOffset expiresAt, TimeSpan clockSkew)
        => now >= NumericDate.AddSaturating(expiresAt, clockSkew);

    private static RejectionReason ReadString(JsonElement payload, string name, RejectionReason whenMissing, out string? value)
    {
        value = null;
        if (!payload.TryGetProperty(name, out var element))
        {
            return whenMissing;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            return RejectionReason.InvalidClaimValue;
        }

        value = text;
        return RejectionReason.None;
    }

    private static RejectionReason ReadOptionalString(JsonElement payload, string name, out string? value)
    {
        value = null;
        if (!payload.TryGetProperty(name, out var element))
        {
            return RejectionReason.None;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return RejectionReason.InvalidClaimValue;
        }

        value = element.GetString();
        return RejectionReason.None;
    }

    private static RejectionReason ReadAudiences(JsonElement payload, string resource, out string[]? audiences)
    {
        audiences = null;
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return RejectionReason.MissingAudienceClaim;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            audiences = [aud.GetString()!];
        }
        else if (aud.ValueKind == JsonValueKind.Array)
        {
            audiences = new string[aud.GetArrayLength()];
            var i = 0;
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    audiences = null;
                    return RejectionReason.InvalidClaimValue;
                }

                audiences[i++] = item.GetString()!;
            }
        }
        else
        {
            return RejectionReason.InvalidClaimValue;
        }

        return Array.Exists(audiences, value => string.Equals(value, resource, StringComparison.Ordinal))
            ? RejectionReason.None
            : RejectionReason.AudienceMismatch;
    }

    // whenMissing is None for an optional claim.
    private static RejectionReason ReadTime(JsonElement payload, string name, RejectionReason whenMissing, out DateTimeOffset? value)
    {
        value = null;
        if (!payload.TryGetProperty(name, out var element))
        {
            return whenMissing;
        }

        if (!NumericDate.TryRead(element, out var seconds))
        {
            return RejectionReason.InvalidClaimValue;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return RejectionReason.None;
    }

    private static RejectionReason ReadScopes(JsonElement payload, out string[] scopes)
    {
        scopes = [];
        if (!payload.TryGetProperty("scope", out var scope))
        {
            return RejectionReason.None;
        }

        if (scope.ValueKind != JsonValueKind.String)
        {
            return RejectionReason.InvalidClaimValue;
        }

        scopes = scope.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return RejectionReason.None;
    }

    // RFC 9449 §6.1: cnf.jkt is the base64url SHA-256 thumbprint (43 characters) of the proof key.
    private static RejectionReason ReadConfirmation(JsonElement payload, out string? thumbprint)
    {
        thumbprint = null;
        if (!payload.TryGetProperty("cnf", out var cnf))
        {
            return RejectionReason.None;
        }

        if (cnf.ValueKind != JsonValueKind.Object
            || !cnf.TryGetProperty("jkt", out var jkt)
            || jkt.ValueKind != JsonValueKind.String
            || jkt.GetString() is not { Length: 43 } value
            || !CanonicalBase64Url.IsValid(value))
        {
            return RejectionReason.InvalidConfirmationClaim;
        }

        thumbprint = value;
        return RejectionReason.None;
    }

    // RFC 8693 §4.1: "act" names the current actor; a nested "act" names the one before it.
    private static RejectionReason ReadActors(JsonElement payload, out TokenActor[] actors)
    {
        actors = [];
        if (!payload.TryGetProperty("act", out var act))
        {
            return RejectionReason.None;
        }

        var chain = new List<TokenActor>();
        while (true)
        {
            if (act.ValueKind != JsonValueKind.Object || chain.Count == MaxActorDepth)
            {
                return RejectionReason.InvalidClaimValue;
            }

            if (ReadString(act, "sub", RejectionReason.InvalidClaimValue, out var subject) != RejectionReason.None
                || ReadOptionalString(act, "client_id", out var clientId) != RejectionReason.None)
            {
                return RejectionReason.InvalidClaimValue;
            }

            chain.Add(new TokenActor(subject!, clientId));
            if (!act.TryGetProperty("act", out act))
            {
                break;
            }
        }

        actors = [.. chain];
        return RejectionReason.None;
    }

    private static RejectionReason ReadStringArray(JsonElement payload, string name, out string[] values)
    {
        values = [];
        if (!payload.TryGetProperty(name, out var element))
        {
            return RejectionReason.None;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return RejectionReason.InvalidClaimValue;
        }

        var result = new string[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return RejectionReason.InvalidClaimValue;
            }

            result[i++] = item.GetString()!;
        }

        values = result;
        return RejectionReason.None;
    }
}
