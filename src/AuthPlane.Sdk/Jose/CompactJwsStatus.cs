namespace AuthPlane.Sdk.Jose;

/// <summary>The outcome of <see cref="CompactJws.TryParse"/>.</summary>
internal enum CompactJwsStatus
{
    /// <summary>Three strict base64url segments whose header and payload are JSON objects without repeated members.</summary>
    Ok,

    /// <summary>Not a compact JWS: wrong segment count, a character outside base64url, undecodable, or not a JSON object.</summary>
    Malformed,

    /// <summary>Five segments: a JWE, refused without any decryption attempt.</summary>
    Encrypted,

    /// <summary>Some JSON object of the header or payload repeats a member name.</summary>
    DuplicateMember,
}
