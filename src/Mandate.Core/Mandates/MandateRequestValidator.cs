using Mandate.Core.Configuration;
using Mandate.Protocol.OAuth;
using Mandate.Protocol.Resources;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Mandates;

/// <summary>
/// Validates a requested mandate in its request's context: parsed strictly (<see cref="MandateParser"/>), every location
/// is the request's own resource (so a registered protected resource), and expires_at lies ahead, within
/// Mandates:MaxLifetime. Every refusal is invalid_authorization_details.
/// </summary>
public sealed class MandateRequestValidator(IOptions<MandateOptions> options, TimeProvider time)
{
    /// <param name="authorizationDetails">The authorization_details parameter (null: none).</param>
    /// <param name="resource">The canonical resource the token will be for.</param>
    public (TaskMandate? Mandate, OAuthError? Error) Validate(string? authorizationDetails, string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (authorizationDetails is null)
        {
            return (null, null);
        }

        var parsed = MandateParser.Parse(authorizationDetails);
        if (parsed.Mandate is not { } mandate)
        {
            return (null, OAuthError.InvalidAuthorizationDetails(parsed.Error));
        }

        if (mandate.Locations.Any(location => !ResourceIndicator.AreEquivalent(location, resource)))
        {
            return (null, OAuthError.InvalidAuthorizationDetails("Every location must be the requested resource."));
        }

        var now = time.GetUtcNow();
        if (mandate.ExpiresAt <= now)
        {
            return (null, OAuthError.InvalidAuthorizationDetails("expires_at is in the past."));
        }

        var max = options.Value.Mandates.MaxLifetime;
        if (mandate.ExpiresAt > now + max)
        {
            return (null, OAuthError.InvalidAuthorizationDetails($"expires_at is further ahead than this server allows ({max.TotalSeconds:0} seconds)."));
        }

        return (mandate, null);
    }
}
