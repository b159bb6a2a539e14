using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Dpop;

/// <summary>
/// Checks the DPoP header of a request (RFC 9449 §4.3): exactly one header, a proof the protocol validator accepts
/// for this method, URI and access token, with a current nonce when nonces are required, and a jti never seen before
/// for that key (remembered, by key thumbprint and jti, for as long as the proof could be accepted).
/// </summary>
public sealed partial class DpopProofVerifier
{
    private readonly DpopNonces nonces;
    private readonly IReplayCache replay;
    private readonly IOptions<MandateOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<DpopProofVerifier> logger;
    private readonly DpopProofValidator validator;

    public DpopProofVerifier(DpopNonces nonces, IReplayCache replay, IOptions<MandateOptions> options, TimeProvider time, ILogger<DpopProofVerifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.nonces = nonces;
        this.replay = replay;
        this.options = options;
        this.time = time;
        this.logger = logger;
        var dpop = options.Value.Dpop;
        validator = new DpopProofValidator(new DpopProofValidationOptions
        {
            AllowedAlgorithms = DpopOptionsValidation.EffectiveAlgorithms(dpop),
            MaxAge = dpop.ProofMaxAge,
            ClockSkew = dpop.ClockSkew,
        });
    }

    /// <summary>The accepted proof algorithms (dpop_signing_alg_values_supported, the algs challenge parameter).</summary>
    public IReadOnlyList<string> Algorithms => validator.Algorithms;

    /// <summary>Whether proofs must carry a nonce; then every DPoP answer carries <see cref="CurrentNonce"/>.</summary>
    public bool NonceRequired => options.Value.Dpop.RequireNonce;

    /// <summary>The nonce to send in DPoP-Nonce now.</summary>
    public string CurrentNonce() => nonces.Current();

    /// <summary>Checks a request's DPoP header values.</summary>
    /// <param name="headerValues">Every value of the request's DPoP header (none, one, or too many).</param>
    /// <param name="method">The request method.</param>
    /// <param name="uri">The URI the client addressed, as the issuer defines it.</param>
    /// <param name="accessToken">The access token sent with the request (resource access), or null (token requests).</param>
    public async ValueTask<DpopVerification> VerifyAsync(IReadOnlyList<string?> headerValues, string method, string uri, string? accessToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        if (headerValues.Count == 0)
        {
            return DpopVerification.Absent;
        }

        if (headerValues.Count > 1)
        {
            LogRefused(logger, "more than one DPoP header");
            return DpopVerification.Failed(OAuthError.InvalidDpopProof("Send exactly one DPoP header."));
        }

        var context = new DpopProofContext(method, uri)
        {
            AccessToken = accessToken,
            AcceptedNonces = NonceRequired ? nonces.Accepted() : null,
        };
        var result = validator.Validate(headerValues[0], context, time.GetUtcNow());
        if (!result.IsValid)
        {
            LogProofRefused(logger, result.Failure);
            return DpopVerification.Failed(result.Error!);
        }

        var dpop = options.Value.Dpop;
        var keepUntil = result.IssuedAt + dpop.ProofMaxAge + dpop.ClockSkew;
        if (!await replay.TryAddAsync("dpop:" + result.Thumbprint + ":" + result.JwtId, keepUntil, cancellationToken))
        {
            LogRefused(logger, "jti replayed");
            return DpopVerification.Failed(OAuthError.InvalidDpopProof("The DPoP proof was already used."));
        }

        return DpopVerification.Valid(result.Thumbprint!);
    }

    [LoggerMessage(EventId = 2202, Level = LogLevel.Debug, Message = "DPoP proof refused: {Failure}")]
    private static partial void LogProofRefused(ILogger logger, DpopProofFailure failure);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "DPoP proof refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
