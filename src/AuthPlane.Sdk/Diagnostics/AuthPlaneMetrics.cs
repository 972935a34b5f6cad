using System.Diagnostics;
using System.Diagnostics.Metrics;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Verification;
using T = AuthPlane.Sdk.Diagnostics.AuthPlaneTelemetryTags;

namespace AuthPlane.Sdk.Diagnostics;

/// <summary>
/// The SDK's instruments, on one <see cref="Meter"/> named <see cref="AuthPlaneDiagnostics.MeterName"/> created through
/// <see cref="IMeterFactory"/> (so each service provider, and each test host, has its own). Every method is cheap
/// when nothing listens: it checks <see cref="Instrument.Enabled"/> before building tags.
/// </summary>
/// <remarks>
/// Instrument names follow OpenTelemetry semantic-convention style (lower case, dot-separated, unit in
/// <c>unit</c>). Tags are bounded sets: result, reason, scheme, document, cache result; client ids and key ids
/// go on spans, never on metrics.
/// </remarks>
internal sealed class AuthPlaneMetrics
{
    private readonly TimeProvider _time;
    private readonly Counter<long> _authentications;
    private readonly Histogram<double> _verificationDuration;
    private readonly Counter<long> _tokenCacheLookups;
    private readonly Counter<long> _authorityFetches;
    private readonly Counter<long> _noncesIssued;
    private readonly Counter<long> _tokenExchanges;
    private readonly Counter<long> _consentElicitations;
    private Func<DateTimeOffset?>? _metadataLastSuccess;
    private Func<DateTimeOffset?>? _jwksLastSuccess;
    private Func<(long Count, long Capacity)>? _replayCacheFill;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public AuthPlaneMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        var meter = meterFactory.Create(AuthPlaneDiagnostics.MeterName);
        _authentications = meter.CreateCounter<long>(
            "authplane.authentication.requests", "{request}", "Requests the AuthPlane scheme authenticated, by result and reason.");
        _verificationDuration = meter.CreateHistogram<double>(
            "authplane.token.verification.duration", "s", "Time to verify a request's credentials (token, proof, replay check).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] });
        _tokenCacheLookups = meter.CreateCounter<long>(
            "authplane.token.cache.lookups", "{lookup}", "Verified-token cache lookups, by hit or miss.");
        _authorityFetches = meter.CreateCounter<long>(
            "authplane.authority.fetches", "{fetch}", "Fetches of the authority's metadata and JWKS, by document and result.");
        meter.CreateObservableGauge(
            "authplane.authority.last_success.age", ObserveLastSuccessAge, "s", "Seconds since the last successful fetch of each authority document.");
        meter.CreateObservableGauge(
            "authplane.dpop.replay_cache.entries", ObserveReplayCacheEntries, "{entry}", "DPoP proofs held by the replay cache.");
        meter.CreateObservableGauge(
            "authplane.dpop.replay_cache.capacity", ObserveReplayCacheCapacity, "{entry}", "Proofs the replay cache can hold.");
        _noncesIssued = meter.CreateCounter<long>(
            "authplane.dpop.nonces.issued", "{nonce}", "DPoP server nonces issued.");
        _tokenExchanges = meter.CreateCounter<long>(
            "authplane.token_exchange.requests", "{request}", "RFC 8693 token exchanges, by result.");
        _consentElicitations = meter.CreateCounter<long>(
            "authplane.consent.elicitations", "{elicitation}", "consent_required answers turned into MCP -32042 URL elicitations.");
    }

    /// <summary>Records one authentication by the AuthPlane scheme.</summary>
    /// <param name="status">The verification's outcome, recorded as the <c>Result*</c> tag value of <see cref="ResultTag"/>.</param>
    /// <param name="reason">The rejection reason, <see cref="RejectionReason.None"/> when there is none.</param>
    /// <param name="authenticationScheme">The ASP.NET Core scheme name.</param>
    /// <param name="tokenScheme"><c>Bearer</c>, <c>DPoP</c> or <see langword="null"/>.</param>
    public void RecordAuthentication(RequestVerificationStatus status, RejectionReason reason, string authenticationScheme, string? tokenScheme)
    {
        if (!_authentications.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { T.Result, ResultTag(status) },
            { T.AuthenticationScheme, authenticationScheme },
            { T.TokenScheme, tokenScheme },
        };
        if (reason != RejectionReason.None)
        {
            tags.Add(T.Reason, ReasonName(reason));
        }

        _authentications.Add(1, tags);
    }

    /// <summary>
    /// A start timestamp for <see cref="RecordVerificationDuration"/>, or 0 when nothing listens to the histogram (so
    /// callers skip the clock and the recording).
    /// </summary>
    public long StartVerificationTimer() => _verificationDuration.Enabled ? Math.Max(1, _time.GetTimestamp()) : 0;

    /// <summary>Records how long one verification took, from a <see cref="TimeProvider.GetTimestamp"/> start.</summary>
    public void RecordVerificationDuration(long startTimestamp, RejectionReason reason)
    {
        if (!_verificationDuration.Enabled)
        {
            return;
        }

        var seconds = _time.GetElapsedTime(startTimestamp).TotalSeconds;
        if (reason == RejectionReason.None)
        {
            _verificationDuration.Record(seconds, new KeyValuePair<string, object?>(T.Result, T.ResultSuccess));
        }
        else
        {
            _verificationDuration.Record(
                seconds,
                new KeyValuePair<string, object?>(T.Result, reason.IsUnavailable() ? T.ResultUnavailable : T.ResultRejected),
                new KeyValuePair<string, object?>(T.Reason, ReasonName(reason)));
        }
    }

    /// <summary>Records a verified-token cache lookup.</summary>
    public void RecordTokenCacheLookup(bool hit)
    {
        if (_tokenCacheLookups.Enabled)
        {
            _tokenCacheLookups.Add(1, new KeyValuePair<string, object?>(T.CacheResult, hit ? "hit" : "miss"));
        }
    }

    /// <summary>Records a fetch of an authority document.</summary>
    /// <param name="document"><see cref="AuthPlaneTelemetryTags.DocumentMetadata"/> or <see cref="AuthPlaneTelemetryTags.DocumentJwks"/>.</param>
    /// <param name="succeeded">Whether the document was fetched and accepted.</param>
    public void RecordAuthorityFetch(string document, bool succeeded)
    {
        if (_authorityFetches.Enabled)
        {
            _authorityFetches.Add(
                1,
                new KeyValuePair<string, object?>(T.Document, document),
                new KeyValuePair<string, object?>(T.Result, succeeded ? T.ResultSuccess : T.ResultFailure));
        }
    }

    /// <summary>Lets the metadata provider and the key store report their last successful fetch (observed by the age gauge).</summary>
    /// <param name="document"><see cref="AuthPlaneTelemetryTags.DocumentMetadata"/> or <see cref="AuthPlaneTelemetryTags.DocumentJwks"/>.</param>
    /// <param name="lastSuccess">Reads the time of the last successful fetch, <see langword="null"/> before the first.</param>
    public void ObserveAuthority(string document, Func<DateTimeOffset?> lastSuccess)
    {
        if (document == T.DocumentJwks)
        {
            _jwksLastSuccess = lastSuccess;
        }
        else
        {
            _metadataLastSuccess = lastSuccess;
        }
    }

    /// <summary>Lets the replay cache report how full it is (observed by the replay-cache gauges).</summary>
    public void ObserveReplayCache(Func<(long Count, long Capacity)> fill) => _replayCacheFill = fill;

    /// <summary>Records one DPoP server nonce issued.</summary>
    public void RecordNonceIssued()
    {
        if (_noncesIssued.Enabled)
        {
            _noncesIssued.Add(1);
        }
    }

    /// <summary>Records one token exchange by result (<c>success</c>, <c>consent_required</c> or <c>failure</c>).</summary>
    public void RecordTokenExchange(string result)
    {
        if (_tokenExchanges.Enabled)
        {
            _tokenExchanges.Add(1, new KeyValuePair<string, object?>(T.Result, result));
        }
    }

    /// <summary>Records one consent elicitation (-32042) sent to an MCP client.</summary>
    public void RecordConsentElicitation()
    {
        if (_consentElicitations.Enabled)
        {
            _consentElicitations.Add(1);
        }
    }

    private IEnumerable<Measurement<double>> ObserveLastSuccessAge()
    {
        var now = _time.GetUtcNow();
        if (_metadataLastSuccess?.Invoke() is { } metadata)
        {
            yield return new Measurement<double>((now - metadata).TotalSeconds, new KeyValuePair<string, object?>(T.Document, T.DocumentMetadata));
        }

        if (_jwksLastSuccess?.Invoke() is { } jwks)
        {
            yield return new Measurement<double>((now - jwks).TotalSeconds, new KeyValuePair<string, object?>(T.Document, T.DocumentJwks));
        }
    }

    private IEnumerable<Measurement<long>> ObserveReplayCacheEntries()
    {
        if (_replayCacheFill is { } fill)
        {
            yield return new Measurement<long>(fill().Count);
        }
    }

    private IEnumerable<Measurement<long>> ObserveReplayCacheCapacity()
    {
        if (_replayCacheFill is { } fill)
        {
            yield return new Measurement<long>(fill().Capacity);
        }
    }

    /// <summary>The <see cref="AuthPlaneTelemetryTags.Result"/> value of a verification outcome, on metrics and spans alike.</summary>
    public static string ResultTag(RequestVerificationStatus status) => status switch
    {
        RequestVerificationStatus.Authenticated => T.ResultSuccess,
        RequestVerificationStatus.NoCredentials => T.ResultNoCredentials,
        RequestVerificationStatus.Unavailable => T.ResultUnavailable,
        _ => T.ResultRejected,
    };

    /// <summary>The member name of <paramref name="reason"/>, looked up rather than formatted (no boxing on hot paths).</summary>
    public static string ReasonName(RejectionReason reason) =>
        (uint)reason < (uint)ReasonNames.Length ? ReasonNames[(int)reason] : reason.ToString();

    // Names looked up by value, so a hot-path tag never boxes or formats the enum.
    private static readonly string[] ReasonNames = BuildReasonNames();

    private static string[] BuildReasonNames()
    {
        var values = Enum.GetValues<RejectionReason>();
        var names = new string[values.Max(static v => (int)v) + 1];
        foreach (var value in values)
        {
            names[(int)value] = value.ToString();
        }

        return names;
    }
}
