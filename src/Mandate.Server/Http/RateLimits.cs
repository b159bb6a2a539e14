namespace Mandate.Server.Http;

public static class RateLimits
{
    /// <summary>Per client address: dynamic registration is unauthenticated, so it is the endpoint to flood.</summary>
    public const string Registration = "registration";
}
