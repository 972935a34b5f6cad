using System.Globalization;
using System.Text.Json;
using AuthPlane.Sdk.Configuration;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Jose;
using AuthPlane.Sdk.Verification;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AuthPlane.Sdk.AspNetCore.Authentication;

/// <summary>
/// What an operator needs to see about a rejection, read from the rejected credentials only while logging:
/// the client id (marked <c>(unverified)</c> when the token itself did not verify) and, at Debug, the expected
/// and actual value of the failed rule (<c>aud</c>, <c>iss</c>, <c>typ</c>, <c>alg</c>, <c>kid</c>, <c>exp</c>,
/// a missing claim, the proof's <c>htu</c>/<c>htm</c>). Never a token or proof: only single claim values, cut to
/// <see cref="MaxValueLength"/> characters with control characters replaced.
/// </summary>
/// <remarks>
/// Reads only credentials the verifier already parsed (reasons past the parse), so the JSON is known to be
/// well-formed; any surprise still yields "unknown" rather than an exception.
/// </remarks>
internal sealed class RejectionDiagnostics
{
    internal const int MaxValueLength = 200;

    private readonly string _issuer;
    private readonly string _resource;
    private readonly string _resourceOrigin;
    private readonly string _algorithms;
    private readonly string _proofAlgorithms;

    public RejectionDiagnostics(IOptions<AuthPlaneOptions> authPlaneOptions)
    {
        var options = authPlaneOptions.Value;
        _issuer = options.Issuer ?? string.Empty;
        _resource = options.Resource ?? string.Empty;
        _resourceOrigin = ResourceIdentifier.TryParse(_resource, out var resource) ? resource.Origin : string.Empty;
        _algorithms = string.Join(' ', options.AllowedAlgorithms);
        _proofAlgorithms = string.Join(' ', options.DPoP.AllowedAlgorithms);
    }

    /// <summary>Reads the client id and the rule-relevant values of the rejected credentials.</summary>
    public static Credentials Read(RejectionReason reason, StringValues authorization, StringValues dpop)
    {
        var token = TokenParsed(reason) && BearerValue(authorization) is { } raw ? Jws.Read(raw) : default;
        var proof = ProofParsed(reason) && dpop.Count == 1 && dpop[0] is { } proofValue ? Jws.Read(proofValue) : default;
        var clientId = token.Payload.TryGetValue("client_id", out var id) ? id : null;
        return new Credentials(
            clientId is null ? "unknown" : TokenVerified(reason) ? clientId : clientId + " (unverified)",
            token,
            proof);
    }

    /// <summary>The expected-versus-actual of the rule <paramref name="reason"/> broke, or null when none applies.</summary>
    public Detail? Explain(RejectionReason reason, Credentials credentials, ResourceRequest request)
    {
        var token = credentials.Token;
        var proof = credentials.Proof;
        return reason switch
        {
            RejectionReason.AudienceMismatch => new("aud", _resource, token.Get("aud")),
            RejectionReason.IssuerMismatch => new("iss", _issuer, token.Get("iss")),
            RejectionReason.InvalidTokenType => new("typ", "at+jwt", token.GetHeader("typ")),
            RejectionReason.AlgorithmNotAllowed => new("alg", _algorithms, token.GetHeader("alg")),
            RejectionReason.UnknownSigningKey or RejectionReason.SigningKeyNotUsable => new("kid", "a usable key of the issuer's JWKS", token.GetHeader("kid")),
            RejectionReason.TokenExpired => new("exp", "later than now minus the clock skew", Time(token.Get("exp"))),
            RejectionReason.TokenNotYetValid => new("nbf", "earlier than now plus the clock skew", Time(token.Get("nbf"))),
            RejectionReason.TokenIssuedInFuture => new("iat", "earlier than now plus the clock skew", Time(token.Get("iat"))),
            RejectionReason.MissingIssuerClaim => MissingClaim("iss"),
            RejectionReason.MissingAudienceClaim => MissingClaim("aud"),
            RejectionReason.MissingSubjectClaim => MissingClaim("sub"),
            RejectionReason.MissingClientIdClaim => MissingClaim("client_id"),
            RejectionReason.MissingTokenIdClaim => MissingClaim("jti"),
            RejectionReason.MissingExpirationClaim => MissingClaim("exp"),
            RejectionReason.MissingIssuedAtClaim => MissingClaim("iat"),
            RejectionReason.DPoPUrlMismatch => new("htu", string.Concat(_resourceOrigin, request.PathBase, request.Path), proof.Get("htu")),
            RejectionReason.DPoPMethodMismatch => new("htm", request.Method, proof.Get("htm")),
            RejectionReason.DPoPAlgorithmNotAllowed => new("alg", _proofAlgorithms, proof.GetHeader("alg")),
            RejectionReason.DPoPProofTooOld or RejectionReason.DPoPProofIssuedInFuture => new("proof iat", "within the proof age window", Time(proof.Get("iat"))),
            _ => null,
        };
    }

    private static Detail MissingClaim(string claim) => new("required claim", claim, "missing");

    private static string Time(string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("O", CultureInfo.InvariantCulture)
            : value;

    private static string? BearerValue(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } value)
        {
            return null;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? value[(space + 1)..].Trim() : null;
    }

    // Reasons reached only after the token parsed (its header and payload are well-formed JSON).
    private static bool TokenParsed(RejectionReason reason) => reason switch
    {
        RejectionReason.None or RejectionReason.MalformedAuthorizationHeader or RejectionReason.TokenTooLarge
            or RejectionReason.MalformedToken or RejectionReason.EncryptedOrNestedToken or RejectionReason.DuplicateJsonMember => false,
        _ => true,
    };

    // Reasons reached only after the proof parsed.
    private static bool ProofParsed(RejectionReason reason) => reason switch
    {
        RejectionReason.DPoPUrlMismatch or RejectionReason.DPoPMethodMismatch or RejectionReason.DPoPAlgorithmNotAllowed
            or RejectionReason.DPoPProofTooOld or RejectionReason.DPoPProofIssuedInFuture => true,
        _ => false,
    };

    // Reasons given only after the access token itself verified: its client id is then a verified value.
    private static bool TokenVerified(RejectionReason reason) => reason switch
    {
        RejectionReason.TokenInactive or RejectionReason.BoundTokenUsedAsBearer or RejectionReason.DPoPProofMissing
            or RejectionReason.DPoPKeyBindingMismatch or RejectionReason.DPoPRequiredButTokenUnbound or RejectionReason.InvalidConfirmationClaim
            or RejectionReason.MultipleDPoPProofs or RejectionReason.DPoPProofTooLarge or RejectionReason.MalformedDPoPProof
            or RejectionReason.InvalidDPoPProofType or RejectionReason.DPoPAlgorithmNotAllowed or RejectionReason.DPoPJwkMissing
            or RejectionReason.DPoPJwkContainsPrivateKey or RejectionReason.DPoPJwkInvalid or RejectionReason.DPoPInvalidSignature
            or RejectionReason.DPoPMethodMismatch or RejectionReason.DPoPUrlMismatch or RejectionReason.DPoPProofTooOld
            or RejectionReason.DPoPProofIssuedInFuture or RejectionReason.DPoPProofExpired or RejectionReason.DPoPAccessTokenHashMissing
            or RejectionReason.DPoPAccessTokenHashMismatch or RejectionReason.DPoPMissingMethodClaim or RejectionReason.DPoPMissingUrlClaim
            or RejectionReason.DPoPMissingIssuedAtClaim or RejectionReason.DPoPMissingTokenIdClaim or RejectionReason.DPoPInvalidClaimValue
            or RejectionReason.DPoPReplayed
            or RejectionReason.DPoPNonceRequired or RejectionReason.ReplayStoreUnavailable or RejectionReason.IntrospectionUnavailable => true,
        _ => false,
    };

    /// <summary>What was read of the rejected credentials.</summary>
    internal readonly record struct Credentials(string ClientIdForLog, Jws Token, Jws Proof);

    /// <summary>The failed rule with its expected and actual values.</summary>
    internal sealed record Detail(string Rule, string Expected, string Actual);

    /// <summary>The top-level string and number members of a compact JWS's header and payload, unverified.</summary>
    internal readonly record struct Jws(Dictionary<string, string>? HeaderValues, Dictionary<string, string>? PayloadValues)
    {
        private static readonly Dictionary<string, string> Empty = [];

        public Dictionary<string, string> Payload => PayloadValues ?? Empty;

        public string Get(string name) => Payload.TryGetValue(name, out var value) ? value : "(absent)";

        public string GetHeader(string name) => (HeaderValues ?? Empty).TryGetValue(name, out var value) ? value : "(absent)";

        /// <summary>Reads through the SDK's one compact-JWS reader; anything it refuses reads as "unknown".</summary>
        public static Jws Read(string compact)
        {
            if (CompactJws.TryParse(compact, out var parsed) != CompactJwsStatus.Ok)
            {
                return default;
            }

            using var jws = parsed!;
            return new Jws(Members(jws.Header), Members(jws.Payload));
        }

        private static Dictionary<string, string>? Members(JsonElement json)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in json.EnumerateObject())
            {
                members[member.Name] = member.Value.ValueKind switch
                {
                    JsonValueKind.String => Safe(member.Value.GetString()!),
                    JsonValueKind.Number => member.Value.GetRawText(),
                    JsonValueKind.Array => Safe(string.Join(' ', member.Value.EnumerateArray().Where(static v => v.ValueKind == JsonValueKind.String).Select(static v => v.GetString()))),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => "(not a string)",
                };
            }

            return members;
        }

        private static string Safe(string value)
        {
            var cut = value.Length > MaxValueLength ? value[..MaxValueLength] + "…" : value;
            return string.Create(cut.Length, cut, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = char.IsControl(source[i]) ? '?' : source[i];
                }
            });
        }
    }
}
