using Mandate.Core.Mandates;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Exchange;

/// <summary>
/// The mandate of an exchanged token. Without authorization_details the subject token's mandate is carried unchanged;
/// with them, they must form a mandate valid for the subject's audience that is a subset of the subject's
/// (<see cref="MandateSubset"/>). A subject token without a mandate cannot gain one by exchange: the person never
/// approved it. Every refusal is invalid_authorization_details.
/// </summary>
public sealed class MandateNarrowing(MandateRequestValidator validator)
{
    public (TaskMandate? Mandate, OAuthError? Error) Narrow(AccessTokenClaims subject, string? requested)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (requested is null)
        {
            return (subject.Mandate, null);
        }

        var (mandate, error) = validator.Validate(requested, subject.Audience);
        if (mandate is null)
        {
            return (null, error);
        }

        if (subject.Mandate is not { } held)
        {
            return (null, OAuthError.InvalidAuthorizationDetails("The subject token has no mandate to narrow; a mandate is granted only by the person."));
        }

        return MandateSubset.FirstViolation(held, mandate) is { } violation
            ? (null, OAuthError.InvalidAuthorizationDetails($"The mandate must be a subset of the subject token's: {violation}"))
            : (MandateSubset.Effective(held, mandate), null);
    }
}
